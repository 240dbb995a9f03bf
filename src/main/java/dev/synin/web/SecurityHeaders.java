package dev.synin.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * Security headers on every response, pages, API and static files alike. The CSP allows no inline script or style:
 * the UI loads only its own bundled files, and model output is sanitised before it touches the DOM.
 * HSTS is sent only when the request came over TLS (directly, or through a proxy that said so).
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    void install(@Observes Router router) {
        router.route().order(-200).handler(context -> {
            HttpServerRequest request = context.request();
            context.addHeadersEndHandler(ignored -> {
                var headers = context.response().headers();
                // Quarkus's own dev UI needs inline scripts; it only exists in dev mode.
                if (!request.path().startsWith("/q/dev")) {
                    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                }
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("Referrer-Policy", "no-referrer");
                headers.set("X-Frame-Options", "DENY");
                headers.set("Cross-Origin-Opener-Policy", "same-origin");
                headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
                if (isTls(request)) {
                    headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
                }
            });
            context.next();
        });
    }

    /** With proxy-address-forwarding on, Quarkus already rewrites the scheme from X-Forwarded-Proto / Forwarded. */
    static boolean isTls(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }
}
