package dev.synin.security;

import dev.synin.error.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Ends a request refused before it reached a resource, in the same {@code {"error":{code,message}}} shape as the API. */
final class Rejections {

    private Rejections() {
    }

    static void json(RoutingContext context, ErrorCode code, String message) {
        JsonObject body = new JsonObject().put("error", new JsonObject().put("code", code.code()).put("message", message));
        context.response().setStatusCode(code.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(body.encode());
    }

    static void redirect(RoutingContext context, String location) {
        context.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, location)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
    }
}
