package dev.synin.lmstudio;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;

/**
 * The server is down, slow or broken (5xx, timeout, malformed answer). Only these count against the circuit
 * breaker; a 4xx means our request was wrong and says nothing about the server's health.
 */
public class UpstreamFailure extends ApiException {

    public UpstreamFailure(ErrorCode errorCode, String message, Throwable cause) {
        super(errorCode, message, cause);
    }

    /** The TCP connection could not be opened, so the request never reached the server: safe to retry. */
    public static class ConnectFailure extends UpstreamFailure {
        public ConnectFailure(String message, Throwable cause) {
            super(ErrorCode.UPSTREAM_UNAVAILABLE, message, cause);
        }
    }
}
