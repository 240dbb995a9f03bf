package dev.synin.web;

import java.io.ByteArrayInputStream;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The REST half of {@link BodyLimitFilter}'s chunked bodies: one it has already read into memory is handed to the
 * resource from there: the REST layer would otherwise wait on the request for a body that has already gone by.
 */
public class ChunkedBodies {

    /** Routing-context key: the body was read by {@link BodyLimitFilter} (an empty one leaves no buffer behind). */
    static final String READ = "synin.chunked-body-read";

    private final CurrentVertxRequest current;

    ChunkedBodies(CurrentVertxRequest current) {
        this.current = current;
    }

    @ServerRequestFilter
    public void fromMemory(ContainerRequestContext request) {
        RoutingContext context = current.getCurrent();
        if (context != null && context.get(READ) != null) {
            var body = context.body().buffer();
            request.setEntityStream(new ByteArrayInputStream(body == null ? new byte[0] : body.getBytes()));
        }
    }
}
