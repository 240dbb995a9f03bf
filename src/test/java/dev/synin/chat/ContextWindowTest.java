package dev.synin.chat;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.FakeServers.Dialect;
import dev.synin.testing.SseClient;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Against a llama-server (2048 tokens a slot): a question that cannot fit is refused before the call, and only that one. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ContextWindowTest extends SyninApiTest {

    private static final String TOO_LONG = "lorem ipsum ".repeat(700); // 8,400 characters: about 2,100 tokens

    @Test
    void shouldRefuseAQuestionThatCannotFitWithoutCallingTheServerAndGoOnAfterIt() {
        fake.speak(Dialect.LLAMA_CPP);
        String id = conversationId(browser.stream(userSays("Hello")).awaitEnd(WAIT));
        int chatsBefore = fake.chatRequests().size();

        Map<String, Object> overlong = new HashMap<>(userSays(TOO_LONG));
        overlong.put("conversationId", id);
        SseClient refused = browser.stream(overlong).awaitEnd(WAIT);
        JsonNode error = refused.await("error", WAIT).data().path("error");
        assertThat(error.path("code").asText()).isEqualTo("bad_request");
        assertThat(error.path("message").asText()).contains("too long for tiny-qwen2").contains("2048 tokens");
        assertThat(fake.chatRequests()).as("refused before the server was called").hasSize(chatsBefore);

        Map<String, Object> next = new HashMap<>(userSays("And a short one?"));
        next.put("conversationId", id);
        SseClient answered = browser.stream(next).awaitEnd(WAIT);
        assertThat(answered.named("error")).isEmpty();
        JsonNode sent = fake.lastChatRequest().body().path("messages");
        assertThat(sent).extracting(m -> m.path("content").asText())
                .containsExactly("Hello", "Hello! How can I help you today?", "And a short one?");
        // The long question got no answer, so the newer question replaces it (PromptHistory): nothing needed trimming.
        assertThat(answered.await("start", WAIT).data().path("droppedMessages").asInt()).isZero();
    }

    @Test
    void shouldAnswer400ToAnOverlongQuestionWithoutStreaming() {
        fake.speak(Dialect.LLAMA_CPP);
        browser.api().body(userSays(TOO_LONG)).post("/api/chat").then().statusCode(400)
                .body("error.code", equalTo("bad_request")).body("error.message", containsString("too long"));
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void shouldSendAQuestionThatFitsTheWindowButNotTheAnswerReserve() {
        fake.speak(Dialect.LLAMA_CPP);
        // About 1,300 tokens: over 2048 - 1024 reserved, within the 1,536 a prompt may take.
        SseClient stream = browser.stream(userSays("x".repeat(5_200))).awaitEnd(WAIT);
        assertThat(stream.named("error")).isEmpty();
        assertThat(fake.chatRequests()).hasSize(1);
    }
}
