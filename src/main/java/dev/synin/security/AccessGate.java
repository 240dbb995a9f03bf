package dev.synin.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.synin.error.ErrorCode;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * With {@code SYNIN_AUTH_MODE} token or users, nothing but the login page, static files and the health and metrics
 * probes is served to a caller who has not signed in: API calls get 401 JSON, pages a 303 to {@code /login}.
 */
@ApplicationScoped
class AccessGate {

    private final AuthConfig config;

    AccessGate(AuthConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        // After Quarkus's authentication (-200) and permission checks (-100), before any resource or static file.
        router.route().order(-90).handler(this::check);
    }

    void check(RoutingContext context) {
        String path = context.normalizedPath();
        if (!config.enabled() || AccessPaths.isOpen(path) || signedIn(context)) {
            context.next();
            return;
        }
        SyninAuthenticationMechanism.Refusal refusal = context.get(SyninAuthenticationMechanism.REFUSAL);
        if (refusal == SyninAuthenticationMechanism.Refusal.THROTTLED) {
            context.response().putHeader("Retry-After", String.valueOf(config.loginFailureWindow().toSeconds()));
            Rejections.json(context, ErrorCode.RATE_LIMITED, "Too many failed sign-ins from your address; try again later.");
        } else if (refusal == SyninAuthenticationMechanism.Refusal.STORE_DOWN) {
            context.response().putHeader("Retry-After", "5");
            Rejections.json(context, ErrorCode.DATABASE_UNAVAILABLE, "Cannot check your session: the database is unavailable.");
        } else if (AccessPaths.isApi(path) || context.request().method() != HttpMethod.GET && context.request().method() != HttpMethod.HEAD) {
            Rejections.json(context, ErrorCode.UNAUTHORIZED, message(refusal));
        } else {
            Rejections.redirect(context, AccessPaths.LOGIN);
        }
    }

    private String message(SyninAuthenticationMechanism.Refusal refusal) {
        if (refusal == SyninAuthenticationMechanism.Refusal.BAD_TOKEN) {
            return "The access token is not valid.";
        }
        if (refusal == SyninAuthenticationMechanism.Refusal.BEARER_NOT_ALLOWED) {
            return "Bearer tokens are accepted only with SYNIN_AUTH_MODE=token; sign in at /login.";
        }
        return config.mode() == AuthConfig.Mode.TOKEN
                ? "Sign in at /login, or send Authorization: Bearer with the access token."
                : "Sign in at /login first.";
    }

    private static boolean signedIn(RoutingContext context) {
        return context.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous();
    }
}
