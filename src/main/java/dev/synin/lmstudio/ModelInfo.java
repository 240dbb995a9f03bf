package dev.synin.lmstudio;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A model as Synin shows it. Only {@code id} is known for every server; the rest comes from LM Studio's own API
 * and is {@code null} elsewhere.
 *
 * @param type llm, vlm or embeddings
 * @param state loaded or not-loaded
 * @param maxContextLength the most the model supports
 * @param loadedContextLength the context the loaded instance was started with (what really fits)
 */
@RegisterForReflection
public record ModelInfo(String id, String type, String state, Integer maxContextLength, Integer loadedContextLength, Boolean vision) {

    public static ModelInfo bare(String id) {
        return new ModelInfo(id, null, null, null, null, null);
    }

    public boolean isLoaded() {
        return "loaded".equals(state);
    }

    public boolean isEmbedding() {
        return type != null && type.startsWith("embedding") || id.contains("embed");
    }

    /** The window history must fit in: the loaded instance's if known, else the model's maximum. */
    public Integer effectiveContextLength() {
        return loadedContextLength != null ? loadedContextLength : maxContextLength;
    }
}
