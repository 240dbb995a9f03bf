package dev.synin.security;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may use Synin. Read at run time, so one build serves every mode. Env: {@code SYNIN_AUTH_MODE},
 * {@code SYNIN_ADMIN_USERNAME}, {@code SYNIN_SESSION_IDLE_TIMEOUT}, {@code SYNIN_AUTH_LOGIN_MAX_FAILURES},
 * {@code SYNIN_AUTH_LOGIN_FAILURE_WINDOW} (see application.properties). The secrets are in {@link AuthSecrets}.
 */
@ConfigMapping(prefix = "synin.auth")
public interface AuthConfig {

    /** The access modes. */
    enum Mode {
        /** No sign-in: each browser is an anonymous owner with its own cookie (a single user on a trusted machine). */
        NONE,
        /** One shared secret; every holder of it is the same owner. */
        TOKEN,
        /** Accounts in PostgreSQL, each seeing only its own conversations. */
        USERS,
        /** Accounts as in users mode, signed in with an OpenID Connect provider (see {@code OidcConfig}). */
        OIDC
    }

    /** none, token, users or oidc. */
    @WithDefault("none")
    Mode mode();

    /** Users mode: the first admin, created at start when no account exists yet. */
    Optional<String> adminUsername();

    /** A session not used for this long is over. */
    @WithDefault("7d")
    Duration sessionIdleTimeout();

    /** Failed sign-ins (form or Bearer) one client address may make within the window before it is refused for a while. */
    @WithDefault("10")
    int loginMaxFailures();

    /** The window over which failed sign-ins are counted. */
    @WithDefault("15m")
    Duration loginFailureWindow();

    default boolean enabled() {
        return mode() != Mode.NONE;
    }

    /** Users and oidc modes: each account alone with its conversations. */
    default boolean accounts() {
        return mode() == Mode.USERS || mode() == Mode.OIDC;
    }
}
