package dev.synin.lmstudio.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A complete (non-streaming) {@code chat.completion}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletion(String model, List<Choice> choices, Usage usage) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(Delta message, @JsonProperty("finish_reason") String finishReason) {
    }

    public Choice firstChoice() {
        return choices == null || choices.isEmpty() ? null : choices.get(0);
    }
}
