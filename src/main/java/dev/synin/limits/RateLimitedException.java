package dev.synin.limits;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;

/** 429 with the seconds after which trying again makes sense ({@code Retry-After}). */
public class RateLimitedException extends ApiException {

    private final long retryAfterSeconds;

    public RateLimitedException(String message, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMITED, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
