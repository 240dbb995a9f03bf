package dev.synin.error;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;

/**
 * Failures that say something about the client, not about Synin: it hung up (closed or reset the connection), its
 * body was cut off at the size limit, or its body stopped arriving. They are logged at DEBUG, never as an ERROR, and
 * answered with the status that fits in case the connection is still there to carry it.
 */
public record ClientSideFailure(int status, String code, String message) {

    /** What to answer to a client-side failure, or empty when the failure is Synin's own. */
    public static Optional<ClientSideFailure> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                return Optional.empty(); // a connection to PostgreSQL that broke is Synin's side, whatever the I/O error says
            }
            String text = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof IOException && text.contains("request too large")) {
                return Optional.of(new ClientSideFailure(413, ErrorCode.PAYLOAD_TOO_LARGE.code(),
                        "The request body is too large (SYNIN_MAX_BODY_SIZE)."));
            }
            if (t instanceof IOException && text.contains("read timed out")) {
                return Optional.of(new ClientSideFailure(408, "request_timeout", "The request body stopped arriving."));
            }
            if (t instanceof ClosedChannelException || t instanceof HttpClosedException
                    || (t instanceof IOException || t instanceof VertxException) && (text.contains("connection reset")
                            || text.contains("broken pipe") || text.contains("connection was closed"))) {
                return Optional.of(new ClientSideFailure(400, ErrorCode.BAD_REQUEST.code(),
                        "The connection was closed before the request was read."));
            }
        }
        return Optional.empty();
    }

    public Response response() {
        return ErrorWriter.response(status, code, message);
    }
}
