package dev.synin.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A fake OpenAI-compatible server speaking LM Studio's dialect, for tests only. It replays the reference
 * transcripts in {@code src/test/resources/fixtures/lmstudio/} or scripted streams at a controlled pace,
 * records every request it receives and notices when a client hangs up mid-stream.
 */
public final class FakeLmStudio {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the fake received it. */
    public record Received(String method, String path, String authorization, JsonNode body) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger hangUps = new AtomicInteger();
    private final AtomicInteger streamsStarted = new AtomicInteger();
    private final AtomicInteger streamsFinished = new AtomicInteger();
    private volatile HttpServer server;
    private volatile int port;
    private volatile boolean nativeApi = true;
    private volatile FakeServers.Dialect dialect = FakeServers.Dialect.LM_STUDIO_V0;
    private volatile String requiredKey;
    private volatile boolean alternatingRoles;
    private final FakeServers servers = new FakeServers();

    public FakeLmStudio start() {
        servers.reset();
        listen(0);
        return this;
    }

    private void listen(int wantedPort) {
        try {
            server = vertx.createHttpServer().requestHandler(this::handle).listen(wantedPort, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            port = server.actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("fake LM Studio could not listen on " + wantedPort, e);
        }
    }

    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Stops listening, so connections are refused, as when LM Studio's server is not started. */
    public void goOffline() {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
            server = null;
        }
    }

    public void comeBackOnline() {
        if (server == null) {
            listen(port);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /** Forget scripted replies, recorded requests and counters; serve LM Studio's native API again. */
    public void reset() {
        comeBackOnline();
        script.clear();
        received.clear();
        hangUps.set(0);
        streamsStarted.set(0);
        streamsFinished.set(0);
        nativeApi = true;
        dialect = FakeServers.Dialect.LM_STUDIO_V0;
        requiredKey = null;
        alternatingRoles = false;
        servers.reset();
    }

    /**
     * Refuse a history whose user and assistant turns do not alternate, as the chat templates of Mistral, Gemma or
     * Llama 2 do ({@code raise_exception('Conversation roles must alternate user/assistant/user/assistant/...')},
     * which llama-server and LM Studio answer with 400 or 500); a last assistant turn (a prefill) is allowed.
     */
    public FakeLmStudio requireAlternatingRoles() {
        this.alternatingRoles = true;
        return this;
    }

    static boolean alternates(JsonNode messages) {
        String expected = "user";
        for (JsonNode message : messages) {
            String role = message.path("role").asText();
            if (role.equals("system") && expected.equals("user")) {
                continue;
            }
            if (!role.equals(expected)) {
                return false;
            }
            expected = expected.equals("user") ? "assistant" : "user";
        }
        return true;
    }

    /** Answer the model listings like another server (see {@link FakeServers}); {@link #reset()} goes back to LM Studio 0.3. */
    public FakeLmStudio speak(FakeServers.Dialect dialect) {
        this.dialect = dialect;
        return this;
    }

    /** Refuse every request without {@code Authorization: Bearer key} with 401, as llama-server --api-key does. */
    public FakeLmStudio requireApiKey(String key) {
        this.requiredKey = key;
        return this;
    }

    /** The state behind LM Studio 0.4's model management (loaded instances, loads received). */
    public FakeServers servers() {
        return servers;
    }

    /** Behave like llama.cpp / Ollama: no {@code /api/v0|v1/models}. */
    public void withoutNativeApi() {
        nativeApi = false;
    }

    /** The next chat request gets this reply; unscripted requests get the reference transcript. */
    public FakeLmStudio enqueue(Reply reply) {
        script.add(reply);
        return this;
    }

    public List<Received> requests() {
        return new ArrayList<>(received);
    }

    public List<Received> chatRequests() {
        return received.stream().filter(r -> r.path().endsWith("/chat/completions")).toList();
    }

    public Received lastChatRequest() {
        List<Received> chats = chatRequests();
        if (chats.isEmpty()) {
            throw new AssertionError("the fake upstream received no chat request");
        }
        return chats.get(chats.size() - 1);
    }

    /** How many times a client closed a stream before the fake had finished sending it. */
    public int hangUps() {
        return hangUps.get();
    }

    public int streamsStarted() {
        return streamsStarted.get();
    }

    /** Streams the fake sent to the end ([DONE] and the end of the response). */
    public int streamsFinished() {
        return streamsFinished.get();
    }

    void streamFinished() {
        streamsFinished.incrementAndGet();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            JsonNode body = null;
            try {
                body = buffer.length() == 0 ? null : JSON.readTree(buffer.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                body = JSON.getNodeFactory().textNode(buffer.toString(StandardCharsets.UTF_8));
            }
            received.add(new Received(request.method().name(), request.path(), request.getHeader("Authorization"), body));
            route(request, body);
        });
    }

    private void route(HttpServerRequest request, JsonNode body) {
        HttpServerResponse response = request.response();
        if (requiredKey != null && !("Bearer " + requiredKey).equals(request.getHeader("Authorization"))) {
            json(response, 401, "{\"error\":{\"message\":\"Invalid API Key\",\"type\":\"authentication_error\",\"code\":401}}");
            return;
        }
        if (dialect != FakeServers.Dialect.LM_STUDIO_V0 && routeDialect(request.path(), body, response)) {
            return;
        }
        switch (request.path()) {
            case "/v1/models" -> json(response, 200, fixture("models.json"));
            case "/api/v0/models" -> {
                if (nativeApi) {
                    json(response, 200, fixture("api-v0-models.json"));
                } else {
                    json(response, 404, "{\"error\":\"Unexpected endpoint or method. (GET /api/v0/models)\"}");
                }
            }
            case "/api/v1/models" -> json(response, 404, "{\"error\":\"Unexpected endpoint or method. (GET /api/v1/models)\"}");
            case "/v1/chat/completions" -> chat(request, body);
            default -> json(response, 404, fixture("error-legacy-string.json"));
        }
    }

    /** The listings of the other dialects; false when the path is answered as LM Studio 0.3 would. */
    private boolean routeDialect(String path, JsonNode body, HttpServerResponse response) {
        boolean lmStudio = dialect == FakeServers.Dialect.LM_STUDIO_V1;
        String notFound = "{\"error\":\"Not Found\"}";
        switch (path) {
            case "/v1/models" -> {
                String models = servers.openAiModels(dialect);
                json(response, 200, models != null ? models : fixture("models.json"));
            }
            case "/api/v1/models" -> json(response, lmStudio ? 200 : 404, lmStudio ? servers.lmStudioV1Models() : notFound);
            case "/api/v1/models/load" -> json(response, lmStudio ? 200 : 404, lmStudio ? servers.load(body) : notFound);
            case "/api/v1/models/unload" -> {
                String unloaded = lmStudio ? servers.unload(body) : null;
                json(response, unloaded != null ? 200 : 404, unloaded != null ? unloaded : "{\"error\":\"No loaded instance\"}");
            }
            case "/api/v0/models" -> {
                if (lmStudio) {
                    return false;
                }
                json(response, 404, notFound);
            }
            case "/props" -> json(response, dialect == FakeServers.Dialect.LLAMA_CPP ? 200 : 404,
                    dialect == FakeServers.Dialect.LLAMA_CPP ? servers.llamaProps() : notFound);
            case "/api/ps" -> json(response, dialect == FakeServers.Dialect.OLLAMA ? 200 : 404,
                    dialect == FakeServers.Dialect.OLLAMA ? servers.ollamaRunning() : notFound);
            case "/api/show" -> json(response, dialect == FakeServers.Dialect.OLLAMA ? 200 : 404,
                    dialect == FakeServers.Dialect.OLLAMA ? servers.ollamaShow(body) : notFound);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void chat(HttpServerRequest request, JsonNode body) {
        if (alternatingRoles && body != null && !alternates(body.path("messages"))) {
            json(request.response(), 400, "{\"error\":\"Error rendering prompt with jinja template: Conversation roles must "
                    + "alternate user/assistant/user/assistant/...\"}");
            return;
        }
        Reply reply = script.poll();
        boolean streaming = body != null && body.path("stream").asBoolean(false);
        if (reply == null) {
            reply = streaming ? Reply.transcript("chat-stream.sse") : Reply.json(200, fixture("chat-completion.json"));
        }
        reply.serve(this, request);
    }

    void streamStarted(HttpServerResponse response, boolean[] finished) {
        streamsStarted.incrementAndGet();
        response.closeHandler(ignored -> {
            if (!finished[0]) {
                hangUps.incrementAndGet();
            }
        });
        // finished[0] is set by the reply itself just before it ends: Vert.x also calls end handlers on a reset.
    }

    Vertx vertx() {
        return vertx;
    }

    static void json(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    public static String fixture(String name) {
        try (InputStream in = FakeLmStudio.class.getResourceAsStream("/fixtures/lmstudio/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code data} payloads of an SSE transcript, in order (including {@code [DONE]}). */
    public static List<String> events(String sseTranscript) {
        return Arrays.stream(sseTranscript.split("\n\n"))
                .map(String::strip)
                .filter(block -> block.startsWith("data:"))
                .map(block -> block.substring("data:".length()).strip())
                .toList();
    }

    /** An LM Studio style chunk carrying {@code content}. */
    public static String contentChunk(String content) {
        ObjectNode chunk = chunkSkeleton();
        ((ObjectNode) chunk.withArray("choices").get(0).path("delta")).put("content", content);
        return chunk.toString();
    }

    public static String reasoningChunk(String reasoning) {
        ObjectNode chunk = chunkSkeleton();
        ((ObjectNode) chunk.withArray("choices").get(0).path("delta")).put("reasoning_content", reasoning);
        return chunk.toString();
    }

    public static String finishChunk(String reason) {
        ObjectNode chunk = chunkSkeleton();
        ((ObjectNode) chunk.withArray("choices").get(0)).put("finish_reason", reason);
        return chunk.toString();
    }

    public static String usageChunk(int prompt, int completion) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("model", "qwen2.5-7b-instruct");
        chunk.putArray("choices");
        chunk.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion).put("total_tokens", prompt + completion);
        return chunk.toString();
    }

    private static ObjectNode chunkSkeleton() {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 1763900000)
                .put("model", "qwen2.5-7b-instruct");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.putNull("finish_reason");
        return chunk;
    }

    /** {@code count} content chunks "t0 ", "t1 ", ... then stop, usage and [DONE]. */
    public static List<String> numberedAnswer(int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(contentChunk("t" + i + " "));
        }
        events.add(finishChunk("stop"));
        events.add(usageChunk(10, count));
        events.add("[DONE]");
        return events;
    }

    public static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
