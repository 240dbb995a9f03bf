package dev.synin.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.Expressions;

/**
 * The access token, the first admin's password and the OpenID Connect client secret, read exactly as given. They stay out of {@link AuthConfig}: config
 * expressions would turn {@code $$} into {@code $} and refuse a value containing <code>${</code>, and a password may
 * contain either. Env {@code SYNIN_ACCESS_TOKEN} / {@code SYNIN_ADMIN_PASSWORD} / {@code SYNIN_OIDC_CLIENT_SECRET}
 * (properties {@code synin.access-token} / {@code synin.admin-password} / {@code synin.oidc-client-secret}; outside
 * {@code synin.auth} and {@code synin.oidc}, whose names all belong to their config mappings).
 */
@ApplicationScoped
public class AuthSecrets {

    private final Optional<String> accessToken;
    private final Optional<String> adminPassword;
    private final Optional<String> oidcClientSecret;

    /** The properties read here, outside any {@code @ConfigMapping} (the deployment tests check the env has them). */
    public static final String ACCESS_TOKEN = "synin.access-token";
    public static final String ADMIN_PASSWORD = "synin.admin-password";
    public static final String OIDC_CLIENT_SECRET = "synin.oidc-client-secret";

    AuthSecrets(Config config) {
        this.accessToken = raw(config, ACCESS_TOKEN);
        this.adminPassword = raw(config, ADMIN_PASSWORD);
        this.oidcClientSecret = raw(config, OIDC_CLIENT_SECRET);
    }

    public Optional<String> accessToken() {
        return accessToken;
    }

    public Optional<String> adminPassword() {
        return adminPassword;
    }

    /** Oidc mode: Synin's client secret at the provider; absent for a public client (PKCE alone). */
    public Optional<String> oidcClientSecret() {
        return oidcClientSecret;
    }

    /** The property verbatim, if set and not blank ({@code synin.access-token} is env SYNIN_ACCESS_TOKEN). */
    private static Optional<String> raw(Config config, String name) {
        return Expressions.withoutExpansion(() -> config.getOptionalValue(name, String.class).filter(value -> !value.isBlank()));
    }

    @Override
    public String toString() {
        return "AuthSecrets[redacted]";
    }
}
