package dev.synin.lmstudio;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** Whether LM Studio answers right now, with the fix when it does not. Announced in the log at start-up. */
@ApplicationScoped
public class LmStudioStatus {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(String status, String baseUrl, Integer models, String error, String hint) {
        public boolean isUp() {
            return "up".equals(status);
        }
    }

    private final LmStudioClient client;
    private final UpstreamErrors errors;
    private final LmStudioConfig config;

    LmStudioStatus(LmStudioClient client, UpstreamErrors errors, LmStudioConfig config) {
        this.client = client;
        this.errors = errors;
        this.config = config;
    }

    public Uni<Report> check() {
        return client.probe(PROBE_TIMEOUT)
                .map(count -> new Report("up", config.baseUrl(), count, null, null))
                .onFailure().recoverWithItem(failure -> new Report("down", config.baseUrl(), null,
                        errors.translate(failure).getMessage(), errors.startHint()));
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
