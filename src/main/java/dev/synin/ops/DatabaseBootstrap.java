package dev.synin.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Gets the schema ready without making PostgreSQL a start-up precondition: creates the database if the server
 * lacks it (zero-config on a fresh machine), runs the Flyway migrations, and when PostgreSQL is not reachable yet,
 * says so plainly and keeps trying in the background while the rest of Synin runs (readiness stays down meanwhile).
 */
@ApplicationScoped
public class DatabaseBootstrap {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/]*)/([^?]+)(\\?.*)?");

    private final Flyway flyway;
    private final DatabaseConfig config;
    private final DirectConnections connections;
    private volatile boolean migrated;
    private ScheduledExecutorService retries;
    @Inject
    Event<SchemaReady> schemaReady;

    DatabaseBootstrap(Flyway flyway, DatabaseConfig config, DirectConnections connections) {
        this.flyway = flyway;
        this.config = config;
        this.connections = connections;
    }

    void onStart(@Observes StartupEvent event) {
        if (tryPrepare()) {
            return;
        }
        retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "synin-database-bootstrap");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.retryEvery().toMillis();
        retries.scheduleWithFixedDelay(() -> {
            if (tryPrepare()) {
                Log.infof("PostgreSQL is reachable now; the schema is ready.");
                retries.shutdown();
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    /** Whether the schema is migrated and the database usable. */
    public boolean isReady() {
        return migrated;
    }

    private synchronized boolean tryPrepare() {
        if (migrated) {
            return true;
        }
        try {
            if (config.createIfMissing()) {
                createDatabaseIfMissing();
            }
            flyway.migrate();
            migrated = true;
            schemaReady.fire(new SchemaReady());
            return true;
        } catch (Exception e) {
            Log.warnf("PostgreSQL is not usable at %s (%s). Start PostgreSQL or set QUARKUS_DATASOURCE_JDBC_URL, "
                    + "QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD. Synin keeps running and retries every %d s.",
                    connections.jdbcUrl(), rootMessage(e), config.retryEvery().toSeconds());
            return false;
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        Matcher url = JDBC_URL.matcher(connections.jdbcUrl());
        if (!url.matches()) {
            return;
        }
        String database = url.group(2);
        String maintenanceUrl = "jdbc:postgresql://" + url.group(1) + "/postgres" + (url.group(3) == null ? "" : url.group(3));
        try (Connection connection = connections.open(maintenanceUrl);
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                Log.infof("Created the PostgreSQL database %s", database);
            } catch (SQLException raced) {
                // Another replica may have created it a moment ago; Flyway will tell if it is really missing.
                Log.debugf("CREATE DATABASE %s: %s", database, raced.getMessage());
            }
        } catch (SQLException noMaintenanceDb) {
            // No access to the "postgres" database: the target database must already exist; Flyway will say if not.
            if (noMaintenanceDb.getSQLState() != null && noMaintenanceDb.getSQLState().startsWith("08")) {
                throw noMaintenanceDb;
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
