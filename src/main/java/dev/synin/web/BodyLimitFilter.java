package dev.synin.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.synin.error.ErrorCode;
import dev.synin.error.ErrorWriter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Refuses a declared over-long body with a JSON 413 that names the sizes, before it is read or anyone is signed in.
 * (Quarkus' own check of the same limit, later in the chain, answers without a body; a chunked body over the limit
 * fails in the body handler and is answered by {@link EdgeFailures}.)
 */
@ApplicationScoped
public class BodyLimitFilter {

    @ConfigProperty(name = "synin.max-body-size", defaultValue = "1M")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(-SecurityHandlerPriorities.CORS - 5).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null) {
                long length;
                try {
                    length = Long.parseLong(declared.strip());
                } catch (NumberFormatException e) {
                    length = -1;
                }
                if (length > limit) {
                    HttpFraming.closeAfterAnswer(context);
                    ErrorWriter.end(context, ErrorCode.PAYLOAD_TOO_LARGE, "The request body is " + length
                            + " bytes; the limit is " + limit + " bytes (SYNIN_MAX_BODY_SIZE).");
                    return;
                }
            }
            context.next();
        });
    }
}
