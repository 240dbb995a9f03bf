package dev.synin.lmstudio.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One {@code chat.completion.chunk} of a streaming answer; {@code choices} is empty in the usage chunk. Some servers
 * report a failure mid-stream as a chunk with an {@code error} instead. llama-server adds its {@code timings} to the
 * last chunk; LM Studio's own API has {@code stats}.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatChunk(String model, List<Choice> choices, Usage usage, JsonNode error, LlamaTimings timings, LmStudioStats stats,
        @com.fasterxml.jackson.annotation.JsonProperty("prompt_progress") PromptProgress promptProgress) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(Delta delta, @JsonProperty("finish_reason") String finishReason) {
    }

    public Choice firstChoice() {
        return choices == null || choices.isEmpty() ? null : choices.get(0);
    }
}
