package dev.synin.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * The one writer of {@code {"error":{"code","message"}}}: as a JAX-RS {@link Response} for the exception mappers, and
 * straight onto the wire for what is refused before a resource runs (the HTTP edge, CSRF, the sign-in gate).
 */
public final class ErrorWriter {

    private ErrorWriter() {
    }

    public static Response response(ErrorCode code, String message) {
        return response(code.status(), code.code(), message);
    }

    public static Response response(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(code, message)).build();
    }

    public static void end(RoutingContext context, ErrorCode code, String message) {
        end(context, code.status(), code.code(), message);
    }

    /** Ends the response unless one was already sent; the status line, the shape and no caching. */
    public static void end(RoutingContext context, int status, String code, String message) {
        var response = context.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(Json.encode(body(code, message)));
    }

    private static ApiError body(String code, String message) {
        return new ApiError(new ApiError.Detail(code, message));
    }
}
