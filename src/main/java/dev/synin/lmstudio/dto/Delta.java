package dev.synin.lmstudio.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The text part of a streamed delta or of a complete message. Servers name reasoning differently:
 * LM Studio and DeepSeek use {@code reasoning_content}, Ollama and vLLM's newer builds {@code reasoning}.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record Delta(
        String content,
        @JsonProperty("reasoning_content") String reasoningContent,
        String reasoning) {

    public String anyReasoning() {
        return reasoningContent != null ? reasoningContent : reasoning;
    }
}
