package dev.synin.lmstudio;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;

/**
 * Turns whatever the HTTP client, Jackson or the fault-tolerance layer throws into one of Synin's errors,
 * with a message that tells the user what is wrong and what to do about it.
 */
@ApplicationScoped
public class UpstreamErrors {

    private final LmStudioConfig config;

    UpstreamErrors(LmStudioConfig config) {
        this.config = config;
    }

    public ApiException translate(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof UpstreamHttpException http) {
            return fromStatus(http);
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return new ApiException(ErrorCode.UPSTREAM_UNAVAILABLE,
                    "LM Studio at " + config.baseUrl() + " failed several times in a row; Synin pauses calls to it for a few seconds. "
                            + startHint());
        }
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || cause instanceof UnresolvedAddressException) {
                return unreachable(cause);
            }
            if (cause instanceof TimeoutException
                    || cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return timeout("LM Studio at " + config.baseUrl() + " did not answer in time.", cause);
            }
            if (cause instanceof JsonProcessingException) {
                return malformed(cause);
            }
            if (cause instanceof UpstreamHttpException http) {
                return fromStatus(http);
            }
            if (cause.getClass().getName().endsWith("ClosedException") || cause instanceof java.io.IOException) {
                return new UpstreamFailure(ErrorCode.UPSTREAM_UNAVAILABLE,
                        "The connection to LM Studio at " + config.baseUrl() + " was lost: " + describe(cause), cause);
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return new UpstreamFailure(ErrorCode.UPSTREAM_ERROR, "Calling LM Studio failed: " + describe(failure), failure);
    }

    public UpstreamFailure timeout(String what, Throwable cause) {
        return new UpstreamFailure(ErrorCode.UPSTREAM_TIMEOUT,
                what + " If the model is large or still loading, raise LM_STUDIO_FIRST_TOKEN_TIMEOUT / LM_STUDIO_IDLE_TIMEOUT.", cause);
    }

    public UpstreamFailure malformed(Throwable cause) {
        return new UpstreamFailure(ErrorCode.UPSTREAM_BAD_RESPONSE,
                "LM Studio at " + config.baseUrl() + " sent a response Synin could not read: " + describe(cause), cause);
    }

    public UpstreamFailure unreachable(Throwable cause) {
        return new UpstreamFailure.ConnectFailure("LM Studio is not reachable at " + config.baseUrl() + " (" + describe(cause) + "). "
                + startHint(), cause);
    }

    /** The fix, as plainly as the UI and the log can say it. */
    public String startHint() {
        return "Start LM Studio's server (Developer tab -> Start Server, or run `lms server start`), load a model, "
                + "or point LM_STUDIO_BASE_URL at your OpenAI-compatible server.";
    }

    private ApiException fromStatus(UpstreamHttpException http) {
        String message = http.getMessage();
        int status = http.status();
        if (status == 404 || "model_not_found".equals(http.upstreamCode())
                || message.toLowerCase().contains("invalid model identifier")
                || message.toLowerCase().contains("model") && message.toLowerCase().contains("not found")) {
            return new ApiException(ErrorCode.MODEL_NOT_FOUND, "LM Studio: " + message);
        }
        if (status == 401 || status == 403) {
            return new ApiException(ErrorCode.UPSTREAM_ERROR,
                    "LM Studio refused the API key (HTTP " + status + "): " + message + ". Check LM_STUDIO_API_KEY.");
        }
        if (status == 429) {
            return new ApiException(ErrorCode.RATE_LIMITED, "LM Studio is busy (HTTP 429): " + message);
        }
        if (status == 408 || status == 504) {
            return timeout("LM Studio timed out (HTTP " + status + "): " + message + ".", http);
        }
        if (status >= 400 && status < 500) {
            return new ApiException(ErrorCode.BAD_REQUEST, "LM Studio rejected the request (HTTP " + status + "): " + message);
        }
        if (status == 503) {
            return new UpstreamFailure(ErrorCode.UPSTREAM_UNAVAILABLE, "LM Studio is unavailable (HTTP 503): " + message, http);
        }
        return new UpstreamFailure(ErrorCode.UPSTREAM_ERROR, "LM Studio failed (HTTP " + status + "): " + message, http);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
