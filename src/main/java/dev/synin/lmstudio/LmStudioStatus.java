package dev.synin.lmstudio;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * Whether LM Studio answers right now, with the fix when it does not. Announced in the log at start-up. A successful
 * probe also closes circuit breakers that the server's outage had opened ({@link BreakerRecovery}).
 */
@ApplicationScoped
public class LmStudioStatus {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    /**
     * @param status {@code up}, {@code down}, or {@code key-refused} (the server answers but refused the API key)
     * @param breakers the chat circuit breakers: {@code closed}, {@code open} or {@code half-open}
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(String status, String baseUrl, Integer models, String error, String hint, Map<String, String> breakers) {
        public boolean isUp() {
            return "up".equals(status);
        }
    }

    private final LmStudioClient client;
    private final UpstreamErrors errors;
    private final LmStudioConfig config;
    private final BreakerRecovery recovery;

    LmStudioStatus(LmStudioClient client, UpstreamErrors errors, LmStudioConfig config, BreakerRecovery recovery) {
        this.client = client;
        this.errors = errors;
        this.config = config;
        this.recovery = recovery;
    }

    public Uni<Report> check() {
        return client.probe(PROBE_TIMEOUT)
                .invoke(recovery::serverAnswered)
                .map(count -> new Report("up", config.baseUrl(), count, null, null, recovery.states()))
                .onFailure().recoverWithItem(failure -> {
                    var error = errors.translate(failure);
                    if (error instanceof KeyRefusedException) {
                        return new Report("key-refused", config.baseUrl(), null, error.getMessage(),
                                "Fix LM_STUDIO_API_KEY and restart Synin.", recovery.states());
                    }
                    return new Report("down", config.baseUrl(), null, error.getMessage(), errors.startHint(), recovery.states());
                });
    }

    void announce(@Observes StartupEvent event) {
        check().subscribe().with(report -> {
            if (report.isUp()) {
                Log.infof("LM Studio is reachable at %s with %d model(s).", report.baseUrl(), report.models());
            } else {
                Log.warnf("%s Synin is running anyway and will use LM Studio as soon as it answers.", report.error());
            }
        });
    }
}
