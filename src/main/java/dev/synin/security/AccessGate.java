package dev.synin.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.synin.error.ErrorCode;
import dev.synin.error.ErrorWriter;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * With {@code SYNIN_AUTH_MODE} token or users, nothing but the login page and static files is served to a caller who has not signed in: API calls get 401 JSON, pages a 303 to {@code /login}.
 */
@ApplicationScoped
class AccessGate {

    private final AuthConfig config;

    AccessGate(AuthConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        // After Quarkus's authentication and permission checks, before any resource or static file.
        router.route().order(-SecurityHandlerPriorities.AUTHORIZATION + 10).handler(this::check);
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
            ErrorWriter.end(context, ErrorCode.RATE_LIMITED, "Too many failed sign-ins from your address; try again later.");
        } else if (refusal == SyninAuthenticationMechanism.Refusal.STORE_DOWN) {
            context.response().putHeader("Retry-After", "5");
            ErrorWriter.end(context, ErrorCode.DATABASE_UNAVAILABLE, "Cannot check your session: the database is unavailable.");
        } else if (AccessPaths.isApi(path) || context.request().method() != HttpMethod.GET && context.request().method() != HttpMethod.HEAD) {
            ErrorWriter.end(context, ErrorCode.UNAUTHORIZED, message(refusal));
        } else {
            context.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, AccessPaths.LOGIN)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
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
