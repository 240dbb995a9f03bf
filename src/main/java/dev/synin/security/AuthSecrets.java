package dev.synin.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.Expressions;

/**
 * The access token and the first admin's password, read exactly as given. They stay out of {@link AuthConfig}: config
 * expressions would turn {@code $$} into {@code $} and refuse a value containing <code>${</code>, and a password may
 * contain either. Env {@code SYNIN_ACCESS_TOKEN} / {@code SYNIN_ADMIN_PASSWORD} (properties {@code synin.access-token} /
 * {@code synin.admin-password}; outside {@code synin.auth}, whose names all belong to {@link AuthConfig}).
 */
@ApplicationScoped
public class AuthSecrets {

    private final Optional<String> accessToken;
    private final Optional<String> adminPassword;

    /** The properties read here, outside any {@code @ConfigMapping} (the deployment tests check the env has them). */
    public static final String ACCESS_TOKEN = "synin.access-token";
    public static final String ADMIN_PASSWORD = "synin.admin-password";

    AuthSecrets(Config config) {
        this.accessToken = raw(config, ACCESS_TOKEN);
        this.adminPassword = raw(config, ADMIN_PASSWORD);
    }

    public Optional<String> accessToken() {
        return accessToken;
    }

    public Optional<String> adminPassword() {
        return adminPassword;
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
