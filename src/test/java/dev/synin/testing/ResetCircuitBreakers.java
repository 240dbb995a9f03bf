package dev.synin.testing;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Every {@code @QuarkusTest} method starts with closed circuit breakers: one test class taking the fake LM Studio
 * offline must not leave an open breaker to the next. Tests about the breaker open it themselves.
 */
public class ResetCircuitBreakers implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        var container = Arc.container();
        if (container != null && container.isRunning()) {
            container.instance(CircuitBreakerMaintenance.class).get().resetAll();
        }
    }
}
