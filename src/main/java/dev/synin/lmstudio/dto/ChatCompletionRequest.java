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
        @JsonProperty("stream_options") StreamOptions streamOptions,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("top_k") Integer topK,
        @JsonProperty("min_p") Double minP,
        @JsonProperty("repeat_penalty") Double repeatPenalty,
        Long seed,
        List<String> stop,
        @JsonProperty("return_progress") Boolean returnProgress) {

    /** Streaming, asking for the final usage chunk (servers that do not know the option ignore it). */
    public static ChatCompletionRequest streaming(String model, List<UpstreamMessage> messages, Double temperature, Integer maxTokens) {
        return new ChatCompletionRequest(model, messages, temperature, maxTokens, true, new StreamOptions(true), null, null, null,
                null, null, null, null);
    }

    /** The same request with these sampling options ({@code null}: left out, the server's default). */
    public ChatCompletionRequest sampling(Double topP, Integer topK, Double minP, Double repeatPenalty, Long seed, List<String> stop) {
        return new ChatCompletionRequest(model, messages, temperature, maxTokens, stream, streamOptions, topP, topK, minP, repeatPenalty,
                seed, stop, returnProgress);
    }

    /** The same request asking llama-server for {@code prompt_progress} chunks while it reads the prompt. */
    public ChatCompletionRequest withProgress() {
        return new ChatCompletionRequest(model, messages, temperature, maxTokens, stream, streamOptions, topP, topK, minP, repeatPenalty,
                seed, stop, Boolean.TRUE);
    }

    @RegisterForReflection
    public record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
    }
}
