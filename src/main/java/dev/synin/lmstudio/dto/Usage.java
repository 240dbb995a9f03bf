package dev.synin.lmstudio.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Token counts as reported by the server; OpenAI-style servers may say how much of the prompt came from a cache. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record Usage(
        @JsonProperty("prompt_tokens") Integer promptTokens,
        @JsonProperty("completion_tokens") Integer completionTokens,
        @JsonProperty("prompt_tokens_details") PromptDetails promptTokensDetails) {

    public Usage(Integer promptTokens, Integer completionTokens) {
        this(promptTokens, completionTokens, null);
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PromptDetails(@JsonProperty("cached_tokens") Integer cachedTokens) {
    }

    /** Prompt tokens the server took from its cache, when it says. */
    public Integer cachedPromptTokens() {
        return promptTokensDetails == null ? null : promptTokensDetails.cachedTokens();
    }
}
