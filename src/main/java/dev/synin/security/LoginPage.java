package dev.synin.security;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.synin.security.oidc.OidcConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The sign-in page of every mode: username and password (users), the access token (token), or a "Sign in with ..."
 * button (oidc), with at most one error message.
 */
@ApplicationScoped
public class LoginPage {

    @CheckedTemplate(basePath = "")
    static class Templates {
        static native TemplateInstance login(boolean usersMode, String oidcProvider, String error);
    }

    private final AuthConfig config;
    private final OidcConfig oidc;

    LoginPage(AuthConfig config, OidcConfig oidc) {
        this.config = config;
        this.oidc = oidc;
    }

    public Response render(int status, String error) {
        String provider = config.mode() == AuthConfig.Mode.OIDC ? providerName() : null;
        return Response.status(status).entity(Templates.login(config.mode() == AuthConfig.Mode.USERS, provider, error))
                .type(MediaType.TEXT_HTML_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** {@code SYNIN_OIDC_PROVIDER_NAME}, else the issuer's host name. */
    public String providerName() {
        return oidc.providerName().filter(name -> !name.isBlank()).orElseGet(() -> {
            try {
                String host = URI.create(oidc.issuer().orElse("")).getHost();
                return host == null ? "your identity provider" : host;
            } catch (IllegalArgumentException e) {
                return "your identity provider";
            }
        });
    }
}
