package dev.synin.security.oidc;

import java.util.Optional;

import dev.synin.security.Secrets;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code SYNIN_AUTH_MODE=oidc}: sign-in with an OpenID Connect provider (authorization code flow with PKCE). Env
 * {@code SYNIN_OIDC_*} and {@code SYNIN_PUBLIC_URL} (see application.properties); the client secret is read verbatim by
 * {@link dev.synin.security.AuthSecrets}. Read at run time like the mode itself.
 */
@ConfigMapping(prefix = "synin.oidc")
public interface OidcConfig {

    /** The provider's issuer, e.g. {@code https://id.example.com/realms/main}; its discovery document is read from it. */
    Optional<String> issuer();

    /** Synin's client id at the provider. */
    Optional<String> clientId();

    /** The name on the sign-in button ("Sign in with ..."); by default the issuer's host name. */
    Optional<String> providerName();

    /** The scopes asked for; {@code openid} is always among them. */
    @WithDefault("openid profile email")
    String scopes();

    /**
     * The claim that makes an admin, from the ID token or the userinfo answer; a dotted path reaches into objects
     * ({@code realm_access.roles}).
     */
    @WithDefault("groups")
    String adminClaim();

    /**
     * The value of {@link #adminClaim()} that makes an admin: equal to it, or one of its elements when it is a list.
     * Unset: nobody is an admin.
     */
    Optional<String> adminValue();

    /**
     * The address browsers use for Synin, e.g. {@code https://chat.example.com}: the redirect URI is built from it.
     * Unset: the origin of each request, as the reverse proxy forwarded it (quarkus.http.proxy.*).
     */
    Optional<String> publicUrl();

    /** Stored with each session it opens, so that a session opened with another issuer is not accepted. */
    default String sessionTag() {
        return "oidc:" + Secrets.sha256(issuer().orElse(""));
    }
}
