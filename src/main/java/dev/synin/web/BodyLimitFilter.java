package dev.synin.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses an over-long body with a JSON 413 before reading it. Vert.x enforces the same limit on bodies without a
 * Content-Length (chunked), but answers those with a bare 413; this route gives every declared size a clear message.
 */
@ApplicationScoped
public class BodyLimitFilter {

    @ConfigProperty(name = "synin.max-body-size", defaultValue = "1M")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(-100).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null) {
                long length;
                try {
                    length = Long.parseLong(declared.strip());
                } catch (NumberFormatException e) {
                    length = -1;
                }
                if (length > limit) {
                    context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .putHeader(HttpHeaders.CONNECTION, "close")
                            .end("{\"error\":{\"code\":\"payload_too_large\",\"message\":\"The request body is " + length
                                    + " bytes; the limit is " + limit + " bytes (SYNIN_MAX_BODY_SIZE).\"}}");
                    return;
                }
            }
            context.next();
        });
    }
}
