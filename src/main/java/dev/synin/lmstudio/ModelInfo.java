package dev.synin.lmstudio;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A model as Synin shows it. Only {@code id} is known for every server; the rest is {@code null} when the server
 * does not say.
 *
 * @param type llm, vlm, embedding(s)
 * @param state loaded or not-loaded
 * @param maxContextLength the most the model supports
 * @param loadedContextLength the context the loaded instance (or llama-server slot) was started with: what really fits
 * @param contextLength the window Synin trims history to: an override from the configuration, else the loaded
 *        instance's, else the model's maximum
 * @param toolUse trained for tool use (LM Studio's {@code trained_for_tool_use})
 * @param reasoning a reasoning model, when the server says
 * @param instanceIds LM Studio's loaded instances, for eject
 * @param quantization how the weights are quantized (LM Studio's {@code quantization}, Ollama's
 *        {@code quantization_level}), e.g. Q4_K_M
 */
@RegisterForReflection
public record ModelInfo(String id, String type, String state, Integer maxContextLength, Integer loadedContextLength,
        Integer contextLength, Boolean vision, Boolean toolUse, Boolean reasoning, List<String> instanceIds, String quantization) {

    public static ModelInfo bare(String id) {
        return new ModelInfo(id, null, null, null, null, null, null, null, null, List.of(), null);
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

    /** The same model with the window Synin will use filled in. */
    ModelInfo withContextLength(Integer window) {
        return new ModelInfo(id, type, state, maxContextLength, loadedContextLength, window, vision, toolUse, reasoning, instanceIds,
                quantization);
    }
}
