package dev.synin.lmstudio;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the OpenAI-compatible server lives and how patient Synin is with it.
 * Every property is settable by env, e.g. {@code LM_STUDIO_BASE_URL}, {@code LM_STUDIO_FIRST_TOKEN_TIMEOUT=90s}.
 */
@ConfigMapping(prefix = "lm-studio")
public interface LmStudioConfig {

    /**
     * Treat every model as able to see images ({@code LM_STUDIO_ASSUME_VISION}), for a server that does not say which
     * can (Ollama, vLLM) or a model it describes wrongly. Otherwise only models the server lists as vision models get
     * images.
     */
    @WithDefault("false")
    boolean assumeVision();

    /** Base URL of the OpenAI-compatible API, including its {@code /v1} suffix. */
    @WithDefault("http://localhost:1234/v1")
    String baseUrl();

    /** Optional API key, sent as {@code Authorization: Bearer}. Never logged, never sent to the browser. */
    Optional<String> apiKey();

    /** Model used when neither the request nor the conversation names one. */
    Optional<String> defaultModel();

    /** How long opening a TCP connection to the server may take. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long the server may think before the first chunk of an answer (includes prompt processing and JIT model loading). */
    @WithDefault("120s")
    Duration firstTokenTimeout();

    /** The longest silence allowed between two chunks of a streaming answer. */
    @WithDefault("60s")
    Duration idleTimeout();

    /** Upper bound for a whole non-streaming completion. */
    @WithDefault("10m")
    Duration requestTimeout();

    /** How long the model list is reused before the server is asked again. */
    @WithDefault("10s")
    Duration modelsCacheTtl();

    /**
     * Context windows to use instead of what the server reports, as {@code model=tokens} pairs separated by commas
     * ({@code LM_STUDIO_CONTEXT_LENGTHS=qwen2.5-7b-instruct=8192,llama3.2:latest=4096}). {@code *=tokens} applies to
     * every model whose window the server does not tell. A malformed entry stops Synin at start with its name.
     */
    Optional<List<String>> contextLengths();

    /** Tokens kept free for the answer when history is trimmed and the request does not set maxTokens. */
    @WithDefault("1024")
    int answerReserveTokens();

    /**
     * Bulkhead: answers this replica lets run against the server at once; more get 503 with Retry-After instead of
     * piling up in LM Studio's queue until they time out.
     */
    @WithDefault("32")
    int maxConcurrentGenerations();

    /** The server's root (base URL without {@code /v1}), where LM Studio's own {@code /api/...} endpoints live. */
    default String rootUrl() {
        String url = baseUrl().replaceAll("/+$", "");
        return url.endsWith("/v1") ? url.substring(0, url.length() - 3) : url;
    }
}
