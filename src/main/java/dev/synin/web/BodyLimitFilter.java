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
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Refuses a declared over-long body with a JSON 413 that names the sizes, before it is read or anyone is signed in.
 * (Quarkus' own check of the same limit, later in the chain, answers without a body.)
 *
 * <p>A chunked body declares no length. Left to the REST layer, one over the limit is cut off while a resource reads
 * it, answered 413 without a body and then reported as an {@code IOException}. So a chunked body is read here
 * instead, once the caller has passed the sign-in gate, by Vert.x's body handler with the same limit: over it, the
 * route fails with 413 and {@link EdgeFailures} answers in the error shape; within it, the REST layer reads the body
 * that is already in memory ({@link ChunkedBodies}). Browsers never send chunked requests: this is for scripts.
 */
@ApplicationScoped
public class BodyLimitFilter {

    /** The path whose bodies are whole export files, and may be larger. */
    static final String IMPORT_PATH = "/api/import";

    @ConfigProperty(name = "synin.max-body-size", defaultValue = "1M")
    MemorySize maxBodySize;

    /** The path uploads are sent to: one file of up to SYNIN_ATTACHMENT_MAX_BYTES, in a multipart body. */
    static final String UPLOAD_PATH = "/api/attachments";
    /** Room for the multipart framing around the file (boundaries, part headers). */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    @ConfigProperty(name = "synin.import-max-body-size", defaultValue = "50M")
    MemorySize importMaxBodySize;

    @ConfigProperty(name = "synin.attachments.max-bytes", defaultValue = "20M")
    MemorySize attachmentMaxBytes;

    void install(@Observes Router router) {
        long usual = maxBodySize.asLongValue();
        long imports = Math.max(usual, importMaxBodySize.asLongValue());
        long uploads = Math.max(usual, attachmentMaxBytes.asLongValue() + MULTIPART_OVERHEAD);
        router.route().order(-SecurityHandlerPriorities.CORS - 5).handler(context -> {
            String path = context.normalizedPath();
            boolean importing = IMPORT_PATH.equals(path);
            boolean uploading = UPLOAD_PATH.equals(path);
            long limit = importing ? imports : uploading ? uploads : usual;
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
                            + " bytes; the limit is " + limit + " bytes (" + (importing ? "SYNIN_IMPORT_MAX_BODY_SIZE"
                            : uploading ? "SYNIN_ATTACHMENT_MAX_BYTES, with room for the form around the file" : "SYNIN_MAX_BODY_SIZE") + ").");
                    return;
                }
            }
            context.next();
        });
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(usual);
        BodyHandler chunkedImports = BodyHandler.create(false).setBodyLimit(imports);
        // After authentication and the sign-in gate (Quarkus' route orders are the negated SecurityHandlerPriorities),
        // so nobody is made to wait for, or buffer, the body of a caller who is refused anyway; before every resource.
        router.route().order(-SecurityHandlerPriorities.AUTHORIZATION + 99).handler(context -> {
            // An ended request has nothing left to read (and Vert.x's body handler would wait for it forever).
            if (context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING) && !context.request().isEnded()) {
                context.put(ChunkedBodies.READ, Boolean.TRUE);
                (IMPORT_PATH.equals(context.normalizedPath()) ? chunkedImports : chunkedBodies).handle(context);
            } else {
                context.next();
            }
        });
    }
}
