package dev.synin.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * A paced OpenAI-compatible server on 127.0.0.1 that answers like LM Studio: {@code GET /v1/models} lists
 * {@code bench-model}, LM Studio's own {@code /api/v1|v0/models} are 404 (as on any other server), and
 * {@code POST /v1/chat/completions} streams a {@link PacedAnswer} as the request's {@link Directive} says.
 */
final class FakeUpstream extends AbstractVerticle {

    static final String MODEL = "bench-model";

    private final Directive fallback;
    private HttpServer server;
    final AtomicLong streamed = new AtomicLong();
    final AtomicLong blocking = new AtomicLong();
    final AtomicLong chunksWritten = new AtomicLong();

    /** @param fallback the pacing for requests that carry no directive (a title request, say) */
    FakeUpstream(Directive fallback) {
        this.fallback = fallback;
    }

    @Override
    public void start(Promise<Void> started) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setAcceptBacklog(4096).setTcpNoDelay(true).setIdleTimeout(300));
        server.requestHandler(this::handle).listen().<Void>mapEmpty().onComplete(started);
    }

    int port() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (request.method() == HttpMethod.GET && path.equals("/v1/models")) {
            json(request, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL + "\",\"object\":\"model\",\"owned_by\":\"bench\"}]}");
        } else if (request.method() == HttpMethod.POST && path.equals("/v1/chat/completions")) {
            long receivedMicros = BenchClock.micros();
            request.body().onSuccess(body -> chat(request, body.toString(StandardCharsets.UTF_8), receivedMicros));
        } else {
            json(request, 404, "{\"error\":\"Unexpected endpoint or method. (" + request.method() + " " + path + ")\"}");
        }
    }

    private void chat(HttpServerRequest request, String body, long receivedMicros) {
        Directive directive = Directive.find(body);
        if (directive == null) {
            directive = fallback;
        }
        if (!streaming(body)) {
            blocking.incrementAndGet();
            json(request, 200, "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":"
                    + System.currentTimeMillis() / 1000 + ",\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"Bench title\"},\"logprobs\":null,"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + body.length() / 4
                    + ",\"completion_tokens\":2,\"total_tokens\":" + (body.length() / 4 + 2) + "}}");
            return;
        }
        streamed.incrementAndGet();
        request.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache");
        new PacedAnswer(vertx, request.response(), directive, receivedMicros, body.length() / 4, chunksWritten).start();
    }

    /** Looks from the end: "stream" comes after the messages, which may be a long history. */
    private static boolean streaming(String body) {
        int field = body.lastIndexOf("\"stream\"");
        if (field < 0) {
            return false;
        }
        int value = body.indexOf(':', field) + 1;
        while (value > 0 && value < body.length() && Character.isWhitespace(body.charAt(value))) {
            value++;
        }
        return value > 0 && body.startsWith("true", value);
    }

    private static void json(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(body));
    }
}
