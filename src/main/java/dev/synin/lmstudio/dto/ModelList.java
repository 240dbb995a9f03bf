package dev.synin.lmstudio.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /v1/models}: only the ids are common to every OpenAI-compatible server. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelList(List<Entry> data) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String id) {
    }
}
