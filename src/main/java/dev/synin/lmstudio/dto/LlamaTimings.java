package dev.synin.lmstudio.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * llama.cpp's llama-server adds {@code timings} to the last chunk of a streamed answer: the prompt tokens it
 * processed ({@code prompt_n}, not counting those reused from its cache, {@code cache_n}) and the tokens it generated
 * ({@code predicted_n}) with the time each took and the speed of each.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record LlamaTimings(
        @JsonProperty("prompt_n") Integer promptN,
        @JsonProperty("prompt_ms") Double promptMs,
        @JsonProperty("predicted_n") Integer predictedN,
        @JsonProperty("predicted_ms") Double predictedMs,
        @JsonProperty("predicted_per_second") Double predictedPerSecond,
        @JsonProperty("cache_n") Integer cacheN) {
}
