package dev.synin.testing;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What every API test of Synin starts from: the fake LM Studio back to its reference transcripts, and a new visitor
 * with its own owner cookie. Subclasses carry {@code @QuarkusTest @WithTestResource(FakeLmStudioResource.class)}.
 */
public abstract class SyninApiTest {

    protected static final Duration WAIT = Duration.ofSeconds(10);

    @FakeLmStudioResource.InjectFake
    protected FakeLmStudio fake;

    @TestHTTPResource("/")
    protected URI base;

    /** Quarkus' management interface, where /q/health/* and /q/metrics are served. */
    @TestHTTPResource(value = "/", management = true)
    protected URI management;

    protected Browser browser;

    @BeforeEach
    void freshUpstreamAndVisitor() {
        fake.reset();
        browser = Browser.fresh(base);
    }

    /** The conversation a stream started in (waits for its {@code start} event). */
    protected static String conversationId(SseClient stream) {
        return stream.await("start", WAIT).data().path("conversationId").asText();
    }
}
