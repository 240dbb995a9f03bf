package dev.synin.lmstudio;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.synin.lmstudio.dto.ChatCompletionRequest;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The one door to the OpenAI-compatible server. Owns the REST clients, the fault tolerance around them
 * and the translation of their failures into Synin's errors.
 * <p>
 * Retries are only ever made for failures that prove the server never saw the request (connection refused),
 * so a retry can never start a second generation.
 */
@ApplicationScoped
public class LmStudioClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LmStudioConfig config;
    private final UpstreamErrors errors;
    private final StreamingCall streaming;
    private OpenAiApi api;
    private LmStudioNativeApi nativeApi;
    private OtherServersApi otherApi;

    LmStudioClient(LmStudioConfig config, UpstreamErrors errors, StreamingCall streaming) {
        this.config = config;
        this.errors = errors;
        this.streaming = streaming;
    }

    @PostConstruct
    void buildClients() {
        api = builder(config.baseUrl()).build(OpenAiApi.class);
        nativeApi = builder(config.rootUrl()).build(LmStudioNativeApi.class);
        otherApi = builder(config.rootUrl()).build(OtherServersApi.class);
    }

    private QuarkusRestClientBuilder builder(String url) {
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(url))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // A backstop only: the first-token and idle timeouts below are the ones that normally fire.
                .readTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        config.apiKey().filter(key -> !key.isBlank()).ifPresent(key -> builder.register(
                (ClientRequestFilter) request -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + key)));
        return builder;
    }

    /**
     * {@code GET /v1/models}, as loose JSON. No circuit breaker: the listing is cheap, and a breaker here kept chats
     * that name no model failing for seconds after the server was back. A refused connection is retried once.
     */
    @Retry(maxRetries = 1, delay = 200, jitter = 100, retryOn = UpstreamFailure.ConnectFailure.class)
    public Uni<JsonNode> listModels() {
        return api.models()
                .ifNoItem().after(config.connectTimeout().plusSeconds(5))
                .failWith(() -> errors.timeout("LM Studio at " + config.baseUrl() + " did not list its models in time.", null))
                .map(list -> list == null ? JSON.createObjectNode() : list)
                .onFailure().transform(errors::translate);
    }

    /**
     * A quick reachability check for health reports, outside the circuit breaker so that it always tells the
     * current truth and never trips the breaker that guards real chats. Servers that check the API key check it
     * here too, so a refused key is told apart from a server that is down.
     */
    public Uni<Integer> probe(Duration within) {
        return api.models()
                .ifNoItem().after(within).failWith(() -> errors.timeout("LM Studio at " + config.baseUrl() + " did not answer within "
                        + within.toMillis() + " ms.", null))
                .map(list -> list == null ? 0 : list.path("data").size())
                .onFailure().transform(errors::translate);
    }

    /** LM Studio 0.4+'s own model list, or {@code null} when the server is not LM Studio (or too old). */
    public Uni<JsonNode> nativeModelsV1() {
        return optional(nativeApi.modelsV1());
    }

    /** LM Studio 0.3.x's own model list, or {@code null} when absent. */
    public Uni<JsonNode> nativeModelsV0() {
        return optional(nativeApi.modelsV0());
    }

    /** llama-server's {@code /props}, or {@code null} when absent. */
    public Uni<JsonNode> llamaProps() {
        return optional(otherApi.llamaProps());
    }

    /** Ollama's running models ({@code /api/ps}), or {@code null} when the server is not Ollama. */
    public Uni<JsonNode> ollamaRunning() {
        return optional(otherApi.ollamaRunning());
    }

    /** Ollama's details of one model ({@code /api/show}), or {@code null}. */
    public Uni<JsonNode> ollamaShow(String model) {
        return optional(otherApi.ollamaShow(JSON.createObjectNode().put("model", model)));
    }

    private Uni<JsonNode> optional(Uni<JsonNode> call) {
        return call.ifNoItem().after(config.connectTimeout().plusSeconds(5)).fail()
                .onFailure().recoverWithNull();
    }

    /**
     * LM Studio 0.4+: {@code POST /api/v1/models/load}, which answers once the model is loaded (seconds to minutes).
     * Always starts a new instance: callers check first that the model is not loaded.
     */
    public Uni<JsonNode> loadModel(String model, Integer contextLength, Integer ttlSeconds) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("echo_load_config", true);
        if (contextLength != null) {
            body.put("context_length", contextLength);
        }
        if (ttlSeconds != null) {
            body.put("ttl", ttlSeconds);
        }
        return nativeApi.load(body)
                .ifNoItem().after(config.requestTimeout())
                .failWith(() -> errors.timeout("LM Studio did not finish loading " + model + " within " + human(config.requestTimeout()) + ".", null))
                .onFailure().transform(errors::translate);
    }

    /** LM Studio 0.4+: {@code POST /api/v1/models/unload} of one loaded instance. */
    public Uni<JsonNode> unloadModel(String instanceId) {
        return nativeApi.unload(JSON.createObjectNode().put("instance_id", instanceId))
                .ifNoItem().after(config.connectTimeout().plusSeconds(55))
                .failWith(() -> errors.timeout("LM Studio did not eject " + instanceId + " in time.", null))
                .onFailure().transform(errors::translate);
    }

    /**
     * Opens a streaming answer and completes once its first chunk has arrived, so that the circuit breaker,
     * the retry and the first-token timeout all guard exactly the part of a stream where nothing has been relayed yet.
     * Idle gaps after that are the relay's business.
     */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = java.time.temporal.ChronoUnit.SECONDS,
            failOn = UpstreamFailure.class)
    @CircuitBreakerName("lm-studio-stream")
    @Retry(maxRetries = 2, delay = 250, jitter = 100, retryOn = UpstreamFailure.ConnectFailure.class)
    public Uni<UpstreamStream> openStream(ChatCompletionRequest request) {
        return Uni.createFrom().<UpstreamStream> emitter(first -> {
            UnicastProcessor<String> buffer = UnicastProcessor.create();
            AtomicReference<Cancellable> connection = new AtomicReference<>();
            // Whoever stops listening (timeout, stop, disconnect) closes the upstream connection.
            Runnable close = () -> {
                Cancellable open = connection.getAndSet(CLOSED);
                if (open != null) {
                    open.cancel();
                }
            };
            UpstreamStream stream = new UpstreamStream(buffer.onCancellation().invoke(close));
            AtomicBoolean started = new AtomicBoolean();
            Cancellable subscription = streaming.stream(request).subscribe().with(
                    event -> {
                        buffer.onNext(event);
                        if (started.compareAndSet(false, true)) {
                            first.complete(stream);
                        }
                    },
                    failure -> {
                        if (started.compareAndSet(false, true)) {
                            first.fail(errors.translate(failure));
                        } else {
                            buffer.onError(failure);
                        }
                    },
                    () -> {
                        if (started.compareAndSet(false, true)) {
                            first.complete(stream);
                        }
                        buffer.onComplete();
                    });
            if (!connection.compareAndSet(null, subscription)) {
                subscription.cancel(); // cancelled while the request was being sent
            }
            first.onTermination(() -> {
                if (!started.get()) {
                    close.run();
                }
            });
        })
                .ifNoItem().after(config.firstTokenTimeout())
                .failWith(() -> errors.timeout("LM Studio sent nothing within " + human(config.firstTokenTimeout()) + ".", null));
    }

    private static final Cancellable CLOSED = () -> {
    };

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
