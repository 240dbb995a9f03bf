package dev.synin.lmstudio.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /v1/chat/completions}; unset options are left out so each server applies its own defaults. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        String model,
        List<UpstreamMessage> messages,
        Double temperature,
        @JsonProperty("max_tokens") Integer maxTokens,
        boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions) {

    /** Streaming, asking for the final usage chunk (servers that do not know the option ignore it). */
    public static ChatCompletionRequest streaming(String model, List<UpstreamMessage> messages, Double temperature, Integer maxTokens) {
        return new ChatCompletionRequest(model, messages, temperature, maxTokens, true, new StreamOptions(true));
    }

    @RegisterForReflection
    public record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
    }
}
