package dev.synin.lmstudio;

import java.net.URI;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.synin.lmstudio.dto.ChatCompletionRequest;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * {@code POST /v1/chat/completions} with {@code stream: true}, on Vert.x's HTTP client.
 * <p>
 * Why not the REST client here: closing the connection is the only way to make LM Studio stop generating, and
 * cancelling the REST client's SSE {@code Multi} (Quarkus 3.34) before the response headers have arrived leaves the
 * connection open (it is closed only once headers come), so Stop or a first-token timeout during a long prompt
 * evaluation would not reach the server; ChatFailureTest#shouldTimeOutWhenNoFirstTokenComes catches that. Here,
 * cancelling the {@code Multi} resets the request at any stage, which closes the HTTP/1.1 connection at once.
 * Each element is the {@code data} of one SSE event.
 */
@ApplicationScoped
public class StreamingCall {

    private final LmStudioConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final URI endpoint;

    StreamingCall(LmStudioConfig config, ObjectMapper json, Vertx vertx) {
        this.config = config;
        this.json = json;
        this.endpoint = URI.create(config.baseUrl().replaceAll("/+$", "") + "/chat/completions");
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setSsl("https".equalsIgnoreCase(endpoint.getScheme()))
                .setTrustAll(false)
                .setVerifyHost(true)
                // Streams are long-lived; idle gaps are policed per chunk by the relay.
                .setKeepAlive(true)
                .setMaxPoolSize(1024));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    public Multi<String> stream(ChatCompletionRequest request) {
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            return Multi.createFrom().failure(e);
        }
        boolean tls = "https".equalsIgnoreCase(endpoint.getScheme());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(endpoint.getHost())
                .setPort(endpoint.getPort() > 0 ? endpoint.getPort() : tls ? 443 : 80)
                .setSsl(tls)
                .setURI(endpoint.getRawPath())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, "text/event-stream");
        config.apiKey().filter(key -> !key.isBlank())
                .ifPresent(key -> options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key));

        return Multi.createFrom().emitter(emitter -> {
            boolean[] finished = { false };
            HttpClientRequest[] sent = { null };
            emitter.onTermination(() -> {
                if (!finished[0] && sent[0] != null) {
                    finished[0] = true;
                    sent[0].reset(); // closes the connection: LM Studio stops generating
                }
            });
            // After a reset or the end, late errors of the closed connection are expected and not worth a log line.
            java.util.function.Consumer<Throwable> fail = failure -> {
                if (!finished[0]) {
                    emitter.fail(failure);
                }
            };
            http.request(options).onFailure(fail::accept).onSuccess(call -> {
                sent[0] = call;
                if (emitter.isCancelled()) {
                    call.reset();
                    return;
                }
                call.exceptionHandler(fail::accept);
                call.send(body).onFailure(fail::accept).onSuccess(response -> {
                    if (response.statusCode() >= 300) {
                        response.body()
                                .onSuccess(error -> emitter.fail(UpstreamHttpException.parse(response.statusCode(), error.toString())))
                                .onFailure(fail::accept);
                        return;
                    }
                    SseLineParser parser = new SseLineParser(emitter::emit);
                    response.handler(parser::feed);
                    response.exceptionHandler(fail::accept);
                    response.endHandler(ignored -> {
                        finished[0] = true;
                        parser.end();
                        emitter.complete();
                    });
                });
            });
        });
    }
}
