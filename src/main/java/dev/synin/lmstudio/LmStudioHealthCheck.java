package dev.synin.lmstudio;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports LM Studio in {@code /q/health/ready} without ever failing readiness: Synin without LM Studio still serves
 * history and the UI, and restarting Synin's pods would not bring LM Studio back.
 */
@Readiness
@ApplicationScoped
public class LmStudioHealthCheck implements HealthCheck {

    private final LmStudioStatus status;

    LmStudioHealthCheck(LmStudioStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        LmStudioStatus.Report report = status.check().await().indefinitely();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("lm-studio").up()
                .withData("reachable", report.isUp())
                .withData("baseUrl", report.baseUrl());
        if (report.error() != null) {
            builder.withData("error", report.error());
        }
        return builder.build();
    }
}
