package dev.synin.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.synin.error.ErrorCode;
import dev.synin.error.ErrorWriter;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses cross-site state changes, in every mode (the anonymous owner cookie is a credential too). A POST, PUT, PATCH
 * or DELETE that carries cookies must send {@code X-Requested-With: synin} (a header no other site can add without a
 * CORS preflight, which Synin never grants) and, if it has an {@code Origin}, Synin's own. The login and logout forms
 * are plain HTML forms: there the {@code Origin} (else the {@code Referer}) must be Synin's. Requests without cookies,
 * such as API clients with {@code Authorization: Bearer}, carry no ambient credential and pass.
 */
@ApplicationScoped
class CsrfGuard {

    static final String HEADER = "X-Requested-With";
    static final String HEADER_VALUE = "synin";
    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final Set<String> FORMS = Set.of(AccessPaths.LOGIN, AccessPaths.LOGOUT);

    void install(@Observes Router router) {
        // Between CORS and authentication: a forged request costs no session lookup.
        router.route().order(-(SecurityHandlerPriorities.CORS + SecurityHandlerPriorities.AUTHENTICATION) / 2).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!STATE_CHANGING.contains(request.method())) {
            context.next();
            return;
        }
        RequestOrigin own = RequestOrigin.of(request);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (FORMS.contains(context.normalizedPath())) {
            String referer = request.getHeader(HttpHeaders.REFERER);
            boolean sameSite = origin != null ? own.matches(origin) : referer == null || own.matches(referer);
            if (sameSite) {
                context.next();
            } else {
                refuse(context, "this form was sent from another site.");
            }
            return;
        }
        if (request.getHeader(HttpHeaders.COOKIE) == null) {
            context.next();
            return;
        }
        if (!HEADER_VALUE.equalsIgnoreCase(request.getHeader(HEADER))) {
            refuse(context, "requests made with a cookie must send the header " + HEADER + ": " + HEADER_VALUE
                    + " (API clients can use Authorization: Bearer without cookies instead).");
        } else if (origin != null && !own.matches(origin)) {
            refuse(context, "the Origin header names another site.");
        } else {
            context.next();
        }
    }

    private static void refuse(RoutingContext context, String why) {
        ErrorWriter.end(context, ErrorCode.FORBIDDEN, "Cross-site request refused (CSRF): " + why);
    }
}
