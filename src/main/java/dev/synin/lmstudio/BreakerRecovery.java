package dev.synin.lmstudio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Closes the chat circuit breakers as soon as the server answers again (a health probe or a model listing), when
 * they were opened by the server being down: chats then work at once instead of after the breaker's delay.
 * A breaker opened while the server was up (a model failing with 5xx) is left to its delay.
 */
@ApplicationScoped
public class BreakerRecovery {

    /** The breakers of {@link LmStudioClient} that guard chats. */
    static final List<String> CHAT_BREAKERS = List.of("lm-studio-stream");

    private final CircuitBreakerMaintenance breakers;
    private final UpstreamErrors errors;

    BreakerRecovery(CircuitBreakerMaintenance breakers, UpstreamErrors errors) {
        this.breakers = breakers;
        this.errors = errors;
    }

    /** The server just answered a request successfully. */
    public void serverAnswered() {
        if (!errors.takeOutage()) {
            return;
        }
        for (String name : CHAT_BREAKERS) {
            CircuitBreakerState state = breakers.currentState(name);
            if (state != CircuitBreakerState.CLOSED) {
                breakers.reset(name);
                Log.infof("LM Studio answers again: circuit breaker %s closed (was %s).", name, state);
            }
        }
    }

    /** Each chat breaker's state, e.g. {@code {"lm-studio-stream":"closed"}}, for {@code /api/health}. */
    public Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        for (String name : CHAT_BREAKERS) {
            states.put(name, breakers.currentState(name).name().toLowerCase().replace('_', '-'));
        }
        return states;
    }
}
