package dev.synin.ops;

import java.sql.Connection;

import javax.sql.DataSource;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.synin.lmstudio.LmStudioStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;

/** {@code GET /api/health}: what the UI's status dot and banner show. Always 200; the body says what is down. */
@Path("/api/health")
public class HealthResource {

    @RegisterForReflection
    public record Health(String status, LmStudioStatus.Report lmStudio, Component database) {
    }

    @RegisterForReflection
    public record Component(String status) {
    }

    private final LmStudioStatus lmStudio;
    private final DataSource dataSource;
    private final DatabaseBootstrap bootstrap;

    HealthResource(LmStudioStatus lmStudio, DataSource dataSource, DatabaseBootstrap bootstrap) {
        this.lmStudio = lmStudio;
        this.dataSource = dataSource;
        this.bootstrap = bootstrap;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Health health() {
        LmStudioStatus.Report report = lmStudio.check().await().indefinitely();
        boolean databaseUp = bootstrap.isReady() && databaseAnswers();
        String status = !databaseUp ? "down" : report.isUp() ? "up" : "degraded";
        return new Health(status, report, new Component(databaseUp ? "up" : "down"));
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }
}
