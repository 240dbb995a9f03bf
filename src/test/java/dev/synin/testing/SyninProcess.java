package dev.synin.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Synin as its own process, started from the packaged jar, as a replica runs in production. Output goes to
 * {@code target/<name>.log}. {@link #terminate()} sends SIGTERM, as Kubernetes does.
 */
public final class SyninProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final int managementPort;

    private SyninProcess(String name, Process process, int port, int managementPort) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    public static SyninProcess start(String name, Map<String, String> env) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Package Synin first (./mvnw package): " + jar + " is missing");
        }
        int port = freePort();
        int managementPort = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(new File("target/" + name + ".log"));
        Map<String, String> environment = new HashMap<>(env);
        // These tests script every call to the fake server: no title request of the model's in between.
        environment.putIfAbsent("SYNIN_TITLES", "first-message");
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().putAll(environment);
        try {
            SyninProcess synin = new SyninProcess(name, builder.start(), port, managementPort);
            synin.awaitReady(Duration.ofSeconds(60));
            return synin;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The management interface: /q/health/* and /q/metrics. */
    public URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort + "/");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see target/" + name + ".log");
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(managementUri().resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            SseClient.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see target/" + name + ".log");
    }

    /** SIGTERM, without waiting: the process begins its graceful shutdown. */
    public void signalTerm() {
        process.destroy();
    }

    /** SIGKILL (as an OOM kill or a lost node): no shutdown of any kind; waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then waits for the process to exit. */
    public int terminate() {
        signalTerm();
        return awaitExit();
    }

    /** Waits up to a minute for the process to exit. */
    public int awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not stop within 60 s of SIGTERM");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(Path.of("target", name + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
