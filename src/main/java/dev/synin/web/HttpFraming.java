package dev.synin.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.synin.error.ErrorWriter;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses requests whose framing a proxy in front might read differently (RFC 9112 section 6.3), and closes their
 * connection so nothing sent after them is read as another request: an HTTP version other than 1.0 and 1.1, a transfer
 * coding other than a single {@code chunked}, any transfer coding on HTTP/1.0, and a NUL ({@code %00}) in the target.
 *
 * <p>Netty frames a request that has both {@code Content-Length} and {@code Transfer-Encoding: chunked} by the chunks
 * and drops the {@code Content-Length} before Synin sees the request, so the two cannot be told apart here: every
 * chunked request therefore has its connection closed after the answer (browsers never send chunked requests).
 *
 * <p>A body that does not arrive within {@code synin.http.body-timeout} is answered 408 and its connection closed. The
 * timer stops once the request is read, so a long streamed answer is not affected.
 */
@ApplicationScoped
public class HttpFraming {

    private final Vertx vertx;
    private final SecurityHeaders headers;
    private final Duration bodyTimeout;

    HttpFraming(Vertx vertx, SecurityHeaders headers,
            @ConfigProperty(name = "synin.http.body-timeout", defaultValue = "30s") Duration bodyTimeout) {
        this.vertx = vertx;
        this.headers = headers;
        this.bodyTimeout = bodyTimeout;
    }

    void install(@Observes Router router) {
        // With Quarkus' own earliest routes (headers, access log), before the body handler reads anything.
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpVersion version = request.version();
        if (version == null) {
            refuse(context, 505, "http_version_not_supported", "Synin speaks HTTP/1.0, HTTP/1.1 and HTTP/2.");
            return;
        }
        List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (!codings.isEmpty()) {
            if (version == HttpVersion.HTTP_1_0) {
                refuse(context, 400, "bad_request", "HTTP/1.0 has no Transfer-Encoding.");
                return;
            }
            if (codings.size() != 1 || !"chunked".equals(codings.get(0).strip().toLowerCase(Locale.ROOT))) {
                refuse(context, 501, "not_implemented", "The only transfer coding Synin reads is a single \"chunked\".");
                return;
            }
            closeAfterAnswer(context);
        }
        if (request.uri().contains("%00") || request.uri().indexOf('\0') >= 0) {
            refuse(context, 400, "bad_request", "The request target may not contain a NUL character (%00).");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean hasBody = !codings.isEmpty() || length != null && !length.strip().equals("0");
        if (hasBody && !request.isEnded()) {
            long timer = vertx.setTimer(bodyTimeout.toMillis(), ignored -> {
                if (!request.isEnded() && !context.response().ended()) {
                    refuse(context, 408, "request_timeout", "The request body did not arrive within " + bodyTimeout.toSeconds() + " s.");
                }
            });
            context.addEndHandler(ignored -> vertx.cancelTimer(timer));
        }
        context.next();
    }

    /** Answers in the error shape, then closes the connection: what follows on it cannot be trusted to be a request. */
    void refuse(RoutingContext context, int status, String code, String message) {
        var response = context.response();
        if (response.ended() || response.headWritten()) {
            response.close();
            return;
        }
        closeAfterAnswer(context);
        headers.applyTo(context);
        ErrorWriter.end(context, status, code, message);
    }

    /** Says so, and closes the connection once the answer is out, before any request pipelined behind it is read. */
    static void closeAfterAnswer(RoutingContext context) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        context.addEndHandler(ignored -> context.request().connection().close());
    }
}
