package dev.synin.ops.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged Synin started as a user would on a laptop: {@code java -jar}, with an environment of the test's
 * choosing, as an unprivileged user when asked (CI runs as root, and PostgreSQL refuses root). The application is
 * copied to a temporary directory first, so that user can read it wherever the repository is checked out.
 * Output goes to {@code target/<name>.log}.
 */
final class LocalSynin implements AutoCloseable {

    private static Path app;

    private final String name;
    private final Process process;
    private final int port;
    private final int managementPort;

    private LocalSynin(String name, Process process, int port, int managementPort) {
        this.managementPort = managementPort;
        this.name = name;
        this.process = process;
        this.port = port;
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Starts Synin; {@code unprivileged} runs it as {@code nobody} when the tests run as root. */
    static LocalSynin start(String name, boolean unprivileged, Map<String, String> env) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        if (unprivileged && isRoot()) {
            // setpriv execs Java in place (unlike runuser), so SIGTERM reaches Synin itself.
            command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-jar", application().resolve("quarkus-run.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/" + name + ".log"));
        builder.environment().remove("SUDO_USER");
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        int managementPort = freePort();
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        try {
            return new LocalSynin(name, builder.start(), port, managementPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory everybody may write into (the unprivileged user's home, say), removed by the caller. */
    static Path sharedTempDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            directory.toFile().setReadable(true, false);
            directory.toFile().setWritable(true, false);
            directory.toFile().setExecutable(true, false);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path application() {
        if (app != null) {
            return app;
        }
        Path packaged = Path.of("target", "quarkus-app").toAbsolutePath();
        if (!Files.exists(packaged.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("Package Synin first (./mvnw package): " + packaged + " is missing");
        }
        Path copy = sharedTempDirectory("synin-embedded-app-").resolve("quarkus-app");
        try (Stream<Path> files = Files.walk(packaged)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(packaged.relativize(source).toString());
                Files.copy(source, target);
                target.toFile().setReadable(true, false);
                if (Files.isDirectory(target)) {
                    target.toFile().setExecutable(true, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(copy.getParent())));
        app = copy;
        return app;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Quarkus' management interface, where /q/health/* lives. */
    URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort + "/");
    }

    /** Waits until {@code path} answers 200 (e.g. /q/health/ready), failing early if Synin exits. */
    LocalSynin awaitOk(String path, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder((path.startsWith("/q/") ? managementUri() : uri()).resolve(path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + ": " + path + " not 200 within " + timeout + ":\n" + log());
    }

    /** SIGTERM, then waits for the process to exit. */
    int terminate() {
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not stop within 90 s of SIGTERM");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL, as a crash would: no shutdown runs. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String log() {
        try {
            return Files.readString(Path.of("target", name + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            terminate();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
