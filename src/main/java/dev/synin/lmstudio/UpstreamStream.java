package dev.synin.lmstudio;

import io.smallrye.mutiny.Multi;

/**
 * An answer that has started to arrive: the server accepted the request and sent its first chunk.
 * {@code events} replays that first chunk and then relays the rest; cancelling it closes the HTTP connection,
 * which is the only way to make LM Studio stop generating.
 */
public record UpstreamStream(Multi<String> events) {
}
