package dev.synin.lmstudio;

/**
 * Which OpenAI-compatible server Synin talks to, as far as its answers tell. Decides where the context window is
 * read from and whether models can be loaded and ejected from Synin.
 */
public enum ServerKind {
    /** LM Studio 0.4+: {@code /api/v1/models} with loaded instances; models can be loaded and ejected. */
    LM_STUDIO,
    /** LM Studio 0.3.x: {@code /api/v0/models} only. */
    LM_STUDIO_LEGACY,
    /** llama.cpp's llama-server: {@code data[].meta.n_ctx} in {@code /v1/models}, or {@code /props}. */
    LLAMA_CPP,
    /** Ollama: {@code /api/ps} and {@code /api/show}. */
    OLLAMA,
    /** vLLM: {@code data[].max_model_len} in {@code /v1/models}. */
    VLLM,
    /** Anything else: only the model ids are known. */
    OPENAI_COMPATIBLE;

    public String wire() {
        return name().toLowerCase().replace('_', '-');
    }
}
