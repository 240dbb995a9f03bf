package dev.synin.bench;

import java.io.IOException;
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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Synin started from its built jar as a production user would ({@code java -jar quarkus-run.jar}), pointed at the
 * fake upstream and a database of its own, with the time from process start to the first answered request.
 */
final class SyninProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");
    /**
     * The benchmark measures what streaming costs, not admission policy: every virtual user comes from 127.0.0.1
     * with one cookie, so the per-user rate limits and the per-replica bulkhead are lifted.
     */
    static final Map<String, String> ADMISSION = Map.of("SYNIN_RATE_LIMIT_ENABLED", "false",
            "LM_STUDIO_MAX_CONCURRENT_GENERATIONS", "100000");
    private static final Pattern DONE = Pattern.compile("(?m)^event: ?done$");
    private static final Pattern CONVERSATION = Pattern.compile("\"conversationId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private final Process process;
    private final Path log;
    final int port;
    /** Process start to the first HTTP answer of any status on {@code /q/health/live}. */
    final double startToFirstAnswerMillis;

    private SyninProcess(Process process, Path log, int port, double startToFirstAnswerMillis) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.startToFirstAnswerMillis = startToFirstAnswerMillis;
    }

    static SyninProcess start(Path jar, List<String> javaOptions, int port, int upstreamPort, String jdbcUrl, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("LM_STUDIO_BASE_URL", "http://127.0.0.1:" + upstreamPort + "/v1");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // Health and metrics live on the management interface; any free port will do for the run.
        env.put("QUARKUS_MANAGEMENT_PORT", "0");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.putAll(ADMISSION);
        long started = System.nanoTime();
        Process process = builder.start();
        Pids.record(process.pid());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = started + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return new SyninProcess(process, log, port, (System.nanoTime() - started) / 1e6);
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroy();
                    throw new IOException("Synin did not answer on port " + port + ": see " + log, e);
                }
                Thread.sleep(5);
            }
        }
    }

    /** What the first chat through Synin gave back: the owner cookie and the conversation it created. */
    record FirstChat(String cookie, UUID conversationId, double millis) {
    }

    /**
     * What a browser does first: load something (which issues the owner cookie), then chat. Fails with what Synin
     * answered when the chat is not a stream that ends with {@code done}.
     */
    FirstChat firstChat(String userText, List<String> notes) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        HttpResponse<Void> page = http.send(HttpRequest.newBuilder(URI.create(base + "/api/conversations")).build(),
                HttpResponse.BodyHandlers.discarding());
        String cookie = cookies(page);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/chat/stream"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"" + userText
                        + "\"}],\"model\":\"" + FakeUpstream.MODEL + "\"}"));
        if (cookie != null) {
            request.header("Cookie", cookie).header("X-Requested-With", "synin");
        } else {
            notes.add("GET /api/conversations set no cookie; continuing conversations may fail");
        }
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - started) / 1e6;
        Matcher conversation = CONVERSATION.matcher(response.body());
        if (response.statusCode() != 200 || !conversation.find() || !DONE.matcher(response.body()).find()) {
            throw new IOException("Synin's first chat failed: HTTP " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return new FirstChat(cookie, UUID.fromString(conversation.group(1)), millis);
    }

    private static String cookies(HttpResponse<?> response) {
        String cookies = response.headers().allValues("set-cookie").stream().map(c -> c.split(";", 2)[0])
                .collect(Collectors.joining("; "));
        return cookies.isEmpty() ? null : cookies;
    }

    long pid() {
        return process.pid();
    }

    /** What Quarkus itself reports as its start time ("started in 1.234s"), or NaN. */
    double quarkusReportedStartMillis() {
        try {
            Matcher matcher = STARTED.matcher(Files.readString(log));
            return matcher.find() ? Double.parseDouble(matcher.group(1)) * 1000 : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
