package dev.synin.security.oidc;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.synin.security.AccessPaths;
import dev.synin.security.SessionCookies;
import io.quarkus.logging.Log;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;

/**
 * RP-initiated logout: after {@code POST /logout} has ended the Synin session, the browser's next visit to /login is sent
 * on to the provider's {@code end_session_endpoint} (with the session's ID token as {@code id_token_hint}), which ends the
 * provider's session and sends the browser back to /login. The hand-over is the short-lived {@code synin_oidc_logout}
 * cookie, so the page's logout (a fetch, then a visit to /login) needs no change; providers without an
 * end_session_endpoint just show the sign-in page again.
 */
@ApplicationScoped
public class ProviderLogout {

    public static final String COOKIE = "synin_oidc_logout";
    private static final long MAX_AGE_SECONDS = 120;
    /** A compact JWT; anything else is not sent on. */
    private static final java.util.regex.Pattern ID_TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final OidcConfig config;
    private final OidcClient client;

    ProviderLogout(OidcConfig config, OidcClient client) {
        this.config = config;
        this.client = client;
    }

    /** The Set-Cookie that asks /login to log out at the provider too. */
    public String pending(HttpServerRequest request, Optional<String> idToken) {
        // The ID token is the user's own and HttpOnly here; a cookie holds up to 4 KB, so a huge one is left out.
        String value = idToken.filter(token -> token.length() < 3500 && ID_TOKEN.matcher(token).matches()).orElse("-");
        return cookie(request, value).setMaxAge(MAX_AGE_SECONDS).encode();
    }

    public String clear(HttpServerRequest request) {
        return cookie(request, "").setMaxAge(0).encode();
    }

    /** Where to send the browser to end the provider's session, if the provider supports it and can be reached. */
    public Optional<URI> endSession(HttpServerRequest request, String cookieValue) {
        try {
            Optional<URI> endpoint = client.metadata().endSessionEndpoint();
            if (endpoint.isEmpty()) {
                return Optional.empty();
            }
            StringBuilder url = new StringBuilder(endpoint.get().toString()).append(endpoint.get().getRawQuery() == null ? '?' : '&');
            url.append("client_id=").append(OidcClient.encode(config.clientId().orElse("")));
            url.append("&post_logout_redirect_uri=").append(OidcClient.encode(SignInUrls.base(request, config) + AccessPaths.LOGIN));
            if (cookieValue != null && ID_TOKEN.matcher(cookieValue).matches()) {
                url.append("&id_token_hint=").append(OidcClient.encode(cookieValue));
            }
            return Optional.of(URI.create(url.toString()));
        } catch (OidcException e) {
            Log.warnf("Cannot log out at the provider too: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private static Cookie cookie(HttpServerRequest request, String value) {
        return Cookie.cookie(COOKIE, value).setPath(AccessPaths.LOGIN).setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                .setSecure(SessionCookies.overTls(request));
    }
}
