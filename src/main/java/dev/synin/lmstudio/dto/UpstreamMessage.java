package dev.synin.lmstudio.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One message of the history sent upstream. */
@RegisterForReflection
public record UpstreamMessage(String role, String content) {
}
