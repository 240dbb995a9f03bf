package dev.synin.lmstudio.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * llama-server's {@code prompt_progress} (with {@code "return_progress": true}): how much of the prompt it has read,
 * in tokens; {@code cache} of them came from its prompt cache.
 */
@RegisterForReflection
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record PromptProgress(Integer total, Integer cache, Integer processed) {
}
