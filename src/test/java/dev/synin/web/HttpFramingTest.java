package dev.synin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.LoggedErrors;
import dev.synin.testing.RawHttp;
import dev.synin.testing.RawHttp.Exchange;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Framing a proxy could read differently is refused and its connection closed, so nothing smuggled behind it is
 * answered; malformed requests and slow bodies get the error shape and the security headers, then a closed connection.
 */
@QuarkusTest
@TestProfile(HttpFramingTest.ShortBodyTimeout.class)
@WithTestResource(FakeLmStudioResource.class)
class HttpFramingTest extends SyninApiTest {

    public static class ShortBodyTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synin.http.body-timeout", "1s");
        }
    }

    /** A second request hidden in the body; if it is ever answered, it is in the conversation list. */
    private static final String SMUGGLED = "POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 44\r\n\r\n{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

    @Test
    void shouldCloseAfterARequestWithBothContentLengthAndTransferEncoding() {
        String body = "0\r\n\r\n" + SMUGGLED;
        Exchange exchange = RawHttp.send(base, "POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
        assertThat(exchange.responses()).as(exchange.text()).isEqualTo(1);
        assertThat(exchange.closed()).isTrue();
        assertThat(exchange.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownTransferCodingAndClose() {
        Exchange exchange = RawHttp.send(base, "POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: gzip\r\nContent-Length: " + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED);
        assertRefused(exchange, 501, "not_implemented");
        exchange = RawHttp.send(base, "POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n" + SMUGGLED);
        assertRefused(exchange, 501, "not_implemented");
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void shouldRefuseAnUnsupportedHttpVersionAndClose() {
        // Vert.x itself answers 501 to a version it does not know, before any route; Synin's own 505 covers the rest.
        Exchange unknown = RawHttp.send(base, "GET /api/health HTTP/9.9\r\nHost: localhost\r\n\r\n");
        assertThat(unknown.status()).as(unknown.text()).isIn(501, 505);
        assertThat(unknown.responses()).isEqualTo(1);
        assertThat(unknown.closed()).isTrue();
        assertRefused(RawHttp.send(base, "POST /api/chat HTTP/1.0\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                400, "bad_request");
    }

    @Test
    void shouldAnswerARequestWithoutHostInTheErrorShapeAndClose() {
        assertRefused(RawHttp.send(base, "GET /api/health HTTP/1.1\r\n\r\n" + "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "bad_request");
    }

    @Test
    void shouldAnswerAChunkedBodyOverTheLimitWith413AndClose() {
        String chunk = "x".repeat(64 * 1024);
        StringBuilder request = new StringBuilder("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 20; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        try (LoggedErrors errors = LoggedErrors.capture()) {
            Exchange exchange = RawHttp.send(base, request.toString());
            assertRefused(exchange, 413, "payload_too_large");
            assertThat(errors.list()).as("an over-limit body is the client's mistake, not an ERROR").isEmpty();
        }
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void shouldAnswerAChunkedBodyWithinTheLimit() {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
        Exchange exchange = RawHttp.send(base, "POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
        assertThat(exchange.status()).as(exchange.text()).isEqualTo(200);
        assertThat(exchange.closed()).isTrue();
        assertThat(fake.chatRequests()).hasSize(1);

        // A non-blocking resource reads the body the same way.
        body = "{\"model\":\"qwen2.5-7b-instruct\",\"contextLength\":100}";
        exchange = RawHttp.send(base, "POST /api/models/load HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
        assertThat(exchange.status()).as(exchange.text()).isEqualTo(400);
        assertThat(exchange.body()).contains("contextLength must be at least 256");
    }

    @Test
    void shouldNotLogAClientThatHangsUpMidBodyAsAnError() throws Exception {
        try (LoggedErrors errors = LoggedErrors.capture()) {
            for (String framing : new String[] {"Content-Length: 100\r\n", "Transfer-Encoding: chunked\r\n"}) {
                try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                    socket.getOutputStream().write(("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + framing + "\r\n" + (framing.startsWith("Transfer") ? "c\r\n" : "") + "{\"messages\":").getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                    Thread.sleep(300);
                }
            }
            Thread.sleep(1500);
            assertThat(errors.list()).as("a hang-up is logged at DEBUG only").isEmpty();
        }
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void shouldTimeOutABodyThatNeverArrives() {
        Exchange exchange = RawHttp.send(base, ("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"messages\":").getBytes(), 5000);
        assertRefused(exchange, 408, "request_timeout");
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void shouldKeepAnOrdinaryConnectionOpen() {
        Exchange exchange = RawHttp.send(base, "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(exchange.status()).isEqualTo(200);
        assertThat(exchange.closed()).isFalse();
        assertThat(exchange.header("X-Frame-Options")).isEqualTo("DENY");
    }

    static void assertRefused(Exchange exchange, int status, String code) {
        assertThat(exchange.status()).as(exchange.text()).isEqualTo(status);
        assertThat(exchange.responses()).as("only the refusal is answered").isEqualTo(1);
        assertThat(exchange.header("Content-Type")).startsWith("application/json");
        assertThat(exchange.body()).contains("{\"error\":{\"code\":\"" + code + "\",\"message\":\"");
        assertThat(exchange.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(exchange.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(exchange.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(exchange.closed()).as("the connection is closed").isTrue();
    }
}
