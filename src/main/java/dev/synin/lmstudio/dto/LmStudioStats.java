package dev.synin.lmstudio.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * LM Studio's own {@code stats} ({@code /api/v0} answers carry it; its OpenAI-compatible stream gives only
 * {@code usage}): generation speed and time to first token in seconds.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record LmStudioStats(
        @JsonProperty("tokens_per_second") Double tokensPerSecond,
        @JsonProperty("time_to_first_token") Double timeToFirstToken) {
}
