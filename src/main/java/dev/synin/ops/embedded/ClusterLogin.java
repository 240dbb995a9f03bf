package dev.synin.ops.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * The embedded cluster's login. The library creates clusters that trust every connection, which on a shared machine
 * would let any local user read the history; so the {@code postgres} role gets a random password, kept in a file only
 * its owner can read, and the cluster asks for it (scram-sha-256) from the first start on.
 */
final class ClusterLogin {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterLogin() {
    }

    /** The password in {@code file}, made on first use (URL-safe characters only, so it quotes plainly in SQL). */
    static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, password);
        return password;
    }

    /** Sets the password and stops trusting connections, if the cluster still does (its first start). */
    static void secure(DataSource postgres, Path cluster, String password) throws IOException {
        Path hba = cluster.resolve("pg_hba.conf");
        List<String> lines = Files.readAllLines(hba);
        if (lines.stream().noneMatch(ClusterLogin::trusts)) {
            return;
        }
        try (Connection connection = postgres.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
            Files.write(hba, lines.stream()
                    .map(line -> trusts(line) ? line.replaceFirst("trust\\s*$", "scram-sha-256") : line)
                    .collect(Collectors.toList()));
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not set the embedded PostgreSQL's password: " + e.getMessage(), e);
        }
    }

    private static boolean trusts(String line) {
        return !line.startsWith("#") && line.matches(".*\\strust\\s*$");
    }
}
