package dev.synin.security.oidc;

import java.net.URI;

import dev.synin.security.RequestOrigin;
import io.vertx.core.http.HttpServerRequest;

/** Synin's own addresses the provider sends browsers back to: built from SYNIN_PUBLIC_URL, else from the request's origin. */
final class SignInUrls {

    static final String CALLBACK = PendingSignIn.PATH + "/callback";

    private SignInUrls() {
    }

    /**
     * {@code SYNIN_PUBLIC_URL} without its trailing slash, else the origin the browser used (behind a proxy, as forwarded:
     * quarkus.http.proxy.* must be on, see the README).
     */
    static String base(HttpServerRequest request, OidcConfig config) {
        return config.publicUrl().filter(url -> !url.isBlank()).map(url -> ProviderMetadata.stripSlash(url.strip()))
                .orElseGet(() -> RequestOrigin.of(request).url());
    }

    static URI callback(HttpServerRequest request, OidcConfig config) {
        return URI.create(base(request, config) + CALLBACK);
    }
}
