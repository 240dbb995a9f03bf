package dev.synin.replicas;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.SseClient;
import dev.synin.testing.SyninProcess;

/** JSON logs switched on by env: one line per answer with its timings and correlation id, and no message contents. */
class JsonLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "my tax number is 12-345-678";

    @Test
    void shouldLogEachAnswerAsJsonWithItsCorrelationIdAndWithoutItsContents() throws Exception {
        FakeLmStudio fake = new FakeLmStudio().start();
        Map<String, String> env = new HashMap<>(ReplicasItEnv.of(fake));
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        try (SyninProcess synin = SyninProcess.start("json-logs", env)) {
            SseClient stream = Browser.fresh(synin.uri()).stream(userSays(SECRET)).awaitEnd(Duration.ofSeconds(10));
            assertThat(stream.named("done")).hasSize(1);
            await("the answer's log line").atMost(Duration.ofSeconds(5)).until(() -> synin.log().contains("chat requestId="));

            List<JsonNode> lines = synin.log().lines().filter(line -> line.startsWith("{")).map(JsonLogsIT::parse).toList();
            assertThat(lines).isNotEmpty();
            JsonNode answer = lines.stream().filter(l -> l.path("message").asText().startsWith("chat requestId=")).findFirst().orElseThrow();
            assertThat(answer.path("message").asText()).contains("status=complete").contains("ttftMs=").contains("durationMs=")
                    .contains("model=qwen2.5-7b-instruct");
            assertThat(answer.path("mdc").path("requestId").asText()).isNotBlank();
            assertThat(synin.log()).doesNotContain(SECRET);
        } finally {
            fake.stop();
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }
}
