package dev.synin.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.synin.error.ClientSideFailure;
import dev.synin.error.ErrorCode;
import dev.synin.error.ErrorWriter;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Failures that never reach a resource (the router's own 400 for a request without {@code Host}, the body handler's
 * 413 for a chunked body over the limit, an exception in a route) are answered here, in the error shape and with the
 * security headers, instead of by Quarkus' default handler (no headers, {@code {"details":"Error id ..."}}). A 4xx
 * here means the request itself was broken, so its connection is closed.
 */
@ApplicationScoped
public class EdgeFailures {

    private final SecurityHeaders headers;

    EdgeFailures(SecurityHeaders headers) {
        this.headers = headers;
    }

    void install(@Observes Router router) {
        // Right after Quarkus' authentication failure handler, which turns failed sign-ins into challenges.
        router.route().order(SecurityHandlerPriorities.AUTH_FAILURE_HANDLER + 1).failureHandler(this::handle);
    }

    void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure instanceof AuthenticationException || failure instanceof UnauthorizedException
                || failure instanceof ForbiddenException) {
            context.next();
            return;
        }
        var response = context.response();
        if (response.ended() || response.headWritten()) {
            response.close();
            return;
        }
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        headers.applyTo(context);
        var clientSide = ClientSideFailure.of(failure);
        if (status >= 500 && clientSide.isPresent()) {
            Log.debugf("Request ended by the client's side: %s", failure);
            HttpFraming.closeAfterAnswer(context);
            ErrorWriter.end(context, clientSide.get().status(), clientSide.get().code(), clientSide.get().message());
            return;
        }
        if (status >= 500) {
            Log.error("Unexpected failure at the HTTP edge", failure);
            ErrorWriter.end(context, ErrorCode.INTERNAL, "Something went wrong inside Synin; the details are in its log.");
            return;
        }
        HttpFraming.closeAfterAnswer(context);
        switch (status) {
            case 413 -> ErrorWriter.end(context, ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is too large (SYNIN_MAX_BODY_SIZE).");
            case 400 -> ErrorWriter.end(context, ErrorCode.BAD_REQUEST, failure != null && failure.getMessage() != null
                    && failure.getMessage().contains("'Host'") ? "An HTTP/1.1 request needs a Host header." : "The request is malformed.");
            default -> ErrorWriter.end(context, status, "http_" + status, "The request was refused (HTTP " + status + ").");
        }
    }
}
