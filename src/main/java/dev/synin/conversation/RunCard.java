package dev.synin.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How one answer was made, kept with it and shown on demand: the model (with its quantization and context window
 * when the server's listing said), the sampling settings actually sent, and how it went. Every count is the
 * server's own; the only figure Synin may estimate is the speed, and {@link #speedSource} says which it is. A count
 * of streamed chunks is kept as {@code chunks}, never as tokens. A continued answer's card describes its last run.
 *
 * @param sampling the settings beyond temperature and max tokens that were sent; {@code null}: none
 * @param ttftMs from sending the request to the first text, as Synin measured it
 * @param tokensPerSecond generation speed, the prompt's processing not included
 * @param speedSource {@value #SERVER} (the server measured it) or {@value #ESTIMATED} (Synin's clock over the
 *        server's token count)
 * @param stopReason the server's {@code finish_reason} ({@code stop}, {@code length}...), else how the answer ended
 *        ({@code stopped}, {@code interrupted}, {@code error})
 * @param chunks how many pieces of text arrived (a piece may hold several tokens, or part of one)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunCard(
        String model,
        String quantization,
        Integer contextLength,
        Double temperature,
        Integer maxTokens,
        Sampling sampling,
        Long ttftMs,
        Double tokensPerSecond,
        String speedSource,
        String stopReason,
        Integer promptTokens,
        Integer cachedPromptTokens,
        Integer completionTokens,
        Integer chunks) {

    public static final String SERVER = "server";
    public static final String ESTIMATED = "estimated";
}
