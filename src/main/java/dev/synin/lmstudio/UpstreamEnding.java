package dev.synin.lmstudio;

import dev.synin.error.ApiException;

/**
 * How an upstream answer ended. {@code model} is the model the server said it used, when it said so.
 *
 * @param finishReason the server's {@code finish_reason} ({@code stop}, {@code length}, ...) when it gave one
 */
public record UpstreamEnding(Kind kind, String finishReason, String model, ApiException error) {

    public enum Kind {
        /** {@code [DONE]} or a {@code finish_reason} arrived: the model finished. */
        FINISHED,
        /** The connection ended without either: the server stopped half-way (crashed, restarted, proxy cut). */
        CUT_OFF,
        /** The server answered an error, sent an error chunk or garbage, or went quiet. */
        FAILED,
        /** Synin closed the connection itself ({@link UpstreamAnswer#cancel()}). */
        CANCELLED
    }

    static UpstreamEnding failed(ApiException error, String model) {
        return new UpstreamEnding(Kind.FAILED, null, model, error);
    }
}
