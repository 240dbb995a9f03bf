package dev.synin.ops;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Connections to PostgreSQL outside the pool, with the datasource's own URL and login: for work that must not hold
 * (or cannot yet use) a pooled connection, such as creating the database before migrating or listening for
 * notifications for as long as Synin runs.
 */
@ApplicationScoped
public class DirectConnections {

    private final String jdbcUrl;
    private final String username;
    private final String password;

    DirectConnections(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username.orElse("");
        this.password = password.orElse("");
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** A connection to the database Synin uses. */
    public Connection open() throws SQLException {
        return open(jdbcUrl);
    }

    /** A connection to another database of the same server (same login). */
    public Connection open(String otherJdbcUrl) throws SQLException {
        return DriverManager.getConnection(otherJdbcUrl, username, password);
    }
}
