package dev.synin.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A streaming client for tests: reads Synin's Server-Sent Events as they arrive (with the time each arrived),
 * and can hang up mid-stream like a closed browser tab.
 */
public final class SseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One named event, its id ({@code null} when the server sent none) and when it arrived. */
    public record Event(String name, JsonNode data, String id, long arrivedNanos) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final int status;
    private final String setCookie;
    private final String contentType;
    private final InputStream body;
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.setCookie = response.headers().firstValue("set-cookie").orElse(null);
        this.contentType = response.headers().firstValue("content-type").orElse("");
        this.body = response.body();
        this.reader = new Thread(this::read, "sse-test-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** As the web UI posts: with the cookie (if any) and the {@code X-Requested-With: synin} header Synin's CSRF check wants. */
    public static SseClient post(URI uri, String json, String cookie) {
        return post(uri, json, cookie == null ? java.util.Map.of(Browser.CSRF_HEADER, Browser.CSRF_VALUE)
                : java.util.Map.of("Cookie", cookie, Browser.CSRF_HEADER, Browser.CSRF_VALUE));
    }

    /** With exactly these headers (besides the content type and Accept), e.g. a Bearer token and no cookie. */
    public static SseClient post(URI uri, String json, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request);
    }

    /** A GET of an event stream (following an answer), with these headers besides Accept. */
    public static SseClient get(URI uri, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        return send(request);
    }

    private static SseClient send(HttpRequest.Builder request) {
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = "message";
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, parse(data.toString()), id, System.nanoTime()));
                    }
                    name = "message";
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException closed) {
            // hung up by close()
        } finally {
            ended = true;
        }
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(data);
        }
    }

    public int status() {
        return status;
    }

    public String setCookie() {
        return setCookie;
    }

    public String contentType() {
        return contentType;
    }

    public List<Event> events() {
        return new ArrayList<>(events);
    }

    public List<Event> named(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    /** Waits until an event of this name has arrived; fails the test if it does not come in time. */
    public Event await(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Event event : events) {
                if (event.name().equals(name)) {
                    return event;
                }
            }
            if (ended) {
                break;
            }
            sleep(5);
        }
        throw new AssertionError("no '" + name + "' event within " + timeout + "; got " + events);
    }

    /** Waits for the server to end the stream. */
    public SseClient awaitEnd(Duration timeout) {
        try {
            reader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!ended) {
            throw new AssertionError("the stream did not end within " + timeout + "; got " + events);
        }
        return this;
    }

    /** The id of the last event that had one. */
    public String lastId() {
        String last = null;
        for (Event event : events) {
            if (event.id() != null) {
                last = event.id();
            }
        }
        return last;
    }

    public String text(String eventName) {
        StringBuilder text = new StringBuilder();
        named(eventName).forEach(e -> text.append(e.data().path("content").asText()));
        return text.toString();
    }

    /** Hangs up, as a closed browser tab does. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
