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
    /** The server was seen down (refused or lost connection, 503) since it last answered; read by {@link BreakerRecovery}. */
    private final java.util.concurrent.atomic.AtomicBoolean outageSeen = new java.util.concurrent.atomic.AtomicBoolean();

    UpstreamErrors(LmStudioConfig config) {
        this.config = config;
    }

    /**
     * Whether {@code failure} means the server could not be used at all (not reachable, connection lost, 503, or
     * calls paused by the circuit breaker), as opposed to an answer it gave. Such a chat was never served: it
     * should not count against the user's rate limit when it failed before the first token.
     */
    public boolean wasDown(Throwable failure) {
        ApiException error = translate(failure);
        return error instanceof UpstreamFailure.ConnectFailure || error.errorCode() == ErrorCode.UPSTREAM_UNAVAILABLE;
    }

    /** Whether the server was seen down since this was last asked; asking forgets it. */
    boolean takeOutage() {
        return outageSeen.getAndSet(false);
    }

    private <T extends UpstreamFailure> T outage(T failure) {
        outageSeen.set(true);
        return failure;
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
                return outage(new UpstreamFailure(ErrorCode.UPSTREAM_UNAVAILABLE,
                        "The connection to LM Studio at " + config.baseUrl() + " was lost: " + describe(cause), cause));
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
        return outage(new UpstreamFailure.ConnectFailure("LM Studio is not reachable at " + config.baseUrl() + " (" + describe(cause) + "). "
                + startHint(), cause));
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
            return keyRefused(status, message);
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
            return outage(new UpstreamFailure(ErrorCode.UPSTREAM_UNAVAILABLE, "LM Studio is unavailable (HTTP 503): " + message, http));
        }
        return new UpstreamFailure(ErrorCode.UPSTREAM_ERROR, "LM Studio failed (HTTP " + status + "): " + message, http);
    }

    private KeyRefusedException keyRefused(int status, String message) {
        boolean keySet = config.apiKey().filter(key -> !key.isBlank()).isPresent();
        return new KeyRefusedException(keySet
                ? "The server at " + config.baseUrl() + " refused the API key in LM_STUDIO_API_KEY (HTTP " + status + ": " + message
                        + "). Set it to a valid token (LM Studio: Developer -> Server Settings -> API tokens; llama-server: its --api-key)."
                : "The server at " + config.baseUrl() + " wants an API key (HTTP " + status + ": " + message
                        + "). Set LM_STUDIO_API_KEY to an LM Studio API token or to llama-server's --api-key.");
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
