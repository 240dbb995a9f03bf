package dev.synin.ops;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.ext.web.Router;

/**
 * Gives every request a correlation id: the caller's {@code X-Request-Id} when it is sane (a proxy's), else a new
 * one. It is echoed in the response and put in the log context ({@code %X{requestId}}), so one chat's lines can be
 * found in the log of whichever replica served it.
 */
@ApplicationScoped
public class RequestCorrelation {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void install(@Observes Router router) {
        // First of Synin's routes, before CORS (so every later log line and refusal has the id).
        router.route().order(-SecurityHandlerPriorities.CORS - 20).handler(context -> {
            String given = context.request().getHeader(HEADER);
            String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
            MDC.put(MDC_KEY, id);
            context.put(MDC_KEY, id);
            context.response().putHeader(HEADER, id);
            context.next();
        });
    }

    /** The id of the request being served on this thread, if any. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
