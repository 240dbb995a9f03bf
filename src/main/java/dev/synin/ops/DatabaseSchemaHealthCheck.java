package dev.synin.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the migrations have run (PostgreSQL's own reachability is Quarkus's datasource check). */
@Readiness
@ApplicationScoped
public class DatabaseSchemaHealthCheck implements HealthCheck {

    private final DatabaseBootstrap bootstrap;

    DatabaseSchemaHealthCheck(DatabaseBootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("database-schema").status(bootstrap.isReady()).build();
    }
}
