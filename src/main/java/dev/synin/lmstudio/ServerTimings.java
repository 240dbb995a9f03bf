package dev.synin.lmstudio;

import dev.synin.lmstudio.dto.LlamaTimings;
import dev.synin.lmstudio.dto.LmStudioStats;

/**
 * What the server itself measured of an answer, from llama-server's {@code timings} or LM Studio's {@code stats};
 * each figure {@code null} when it did not say.
 *
 * @param tokensPerSecond generation speed (the prompt's processing not included)
 * @param generatedTokens tokens generated
 * @param promptTokens the whole prompt: tokens processed plus those reused from the cache
 * @param cachedPromptTokens prompt tokens reused from the server's cache
 */
public record ServerTimings(Double tokensPerSecond, Integer generatedTokens, Integer promptTokens, Integer cachedPromptTokens) {

    static ServerTimings of(LlamaTimings timings, LmStudioStats stats) {
        if (timings != null) {
            Integer prompt = timings.promptN() == null ? null
                    : timings.promptN() + (timings.cacheN() == null ? 0 : timings.cacheN());
            return new ServerTimings(positive(timings.predictedPerSecond()), timings.predictedN(), prompt, timings.cacheN());
        }
        if (stats != null && positive(stats.tokensPerSecond()) != null) {
            return new ServerTimings(stats.tokensPerSecond(), null, null, null);
        }
        return null;
    }

    private static Double positive(Double value) {
        return value == null || !(value > 0) || value.isInfinite() ? null : value;
    }
}
