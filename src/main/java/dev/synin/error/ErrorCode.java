package dev.synin.error;

/**
 * The errors Synin's own code reports, each with its HTTP status and the stable code clients can switch on. The HTTP
 * edge adds a few codes named after their status for what the protocol refuses before Synin's code runs
 * ({@code method_not_allowed}, {@code not_acceptable}, {@code not_implemented}, {@code http_version_not_supported},
 * {@code request_timeout}, {@code http_<status>}); see {@link ErrorWriter}.
 */
public enum ErrorCode {
    BAD_REQUEST(400, "bad_request"),
    UNAUTHORIZED(401, "unauthorized"),
    FORBIDDEN(403, "forbidden"),
    NOT_FOUND(404, "not_found"),
    MODEL_NOT_FOUND(404, "model_not_found"),
    CONFLICT(409, "conflict"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    RATE_LIMITED(429, "rate_limited"),
    INTERNAL(500, "internal_error"),
    UPSTREAM_BAD_RESPONSE(502, "lm_studio_bad_response"),
    UPSTREAM_ERROR(502, "lm_studio_error"),
    UPSTREAM_UNAVAILABLE(503, "lm_studio_unavailable"),
    SERVICE_UNAVAILABLE(503, "service_unavailable"),
    DATABASE_UNAVAILABLE(503, "database_unavailable"),
    UPSTREAM_TIMEOUT(504, "lm_studio_timeout");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
