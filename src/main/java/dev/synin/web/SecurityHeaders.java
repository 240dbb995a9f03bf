package dev.synin.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The security headers are configuration ({@code quarkus.http.header.*} in application.properties: CSP, nosniff,
 * frame and referrer policies), set by Quarkus on every response that goes through the router. This class adds what
 * configuration cannot say: HSTS only when the request came over TLS (directly, or through a proxy that said so),
 * no CSP on the dev UI (dev mode only; it needs inline scripts), and the same headers on the answers Synin writes
 * before or without the router's routes (framing refusals, failures).
 */
@ApplicationScoped
public class SecurityHeaders {

    private static final String PREFIX = "quarkus.http.header.";
    private static final String SUFFIX = ".value";

    private final Map<String, String> configured = new LinkedHashMap<>();

    SecurityHeaders(Config config) {
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(PREFIX) && property.endsWith(SUFFIX)) {
                String name = property.substring(PREFIX.length(), property.length() - SUFFIX.length()).replace("\"", "");
                config.getOptionalValue(property, String.class).ifPresent(value -> configured.put(name, value));
            }
        }
    }

    void install(@Observes Router router) {
        // Before CORS and authentication, so that even their refusals carry HSTS.
        router.route().order(-SecurityHandlerPriorities.CORS - 10).handler(context -> {
            HttpServerRequest request = context.request();
            context.addHeadersEndHandler(ignored -> {
                if (isTls(request)) {
                    context.response().headers().set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
                }
                if (LaunchMode.current() == LaunchMode.DEVELOPMENT && request.path().startsWith("/q/dev")) {
                    context.response().headers().remove("Content-Security-Policy");
                }
            });
            context.next();
        });
    }

    /** The configured headers, and HSTS over TLS, on a response Synin writes itself. */
    public void applyTo(RoutingContext context) {
        var headers = context.response().headers();
        configured.forEach(headers::set);
        if (isTls(context.request())) {
            headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }

    /** With proxy-address-forwarding on, Quarkus already rewrites the scheme from X-Forwarded-Proto / Forwarded. */
    public static boolean isTls(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }
}
