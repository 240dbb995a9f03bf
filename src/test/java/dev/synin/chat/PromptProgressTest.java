package dev.synin.chat;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.FakeServers;
import dev.synin.testing.Reply;
import dev.synin.testing.SseClient;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** llama-server says how far it has read the prompt when asked (return_progress); Synin relays it as progress events. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class PromptProgressTest extends SyninApiTest {

    /** A chunk as llama-server sends it while it reads the prompt: no text yet, its progress in tokens. */
    static String progressChunk(int processed, int total) {
        return "{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}],"
                + "\"object\":\"chat.completion.chunk\",\"prompt_progress\":{\"total\":" + total + ",\"cache\":0,\"processed\":" + processed
                + ",\"time_ms\":120}}";
    }

    @Test
    void shouldAskLlamaServerForItsProgressAndRelayIt() {
        fake.speak(FakeServers.Dialect.LLAMA_CPP);
        browser.api().get("/api/models").then().statusCode(200);
        fake.enqueue(Reply.stream(List.of(progressChunk(40, 100), progressChunk(100, 100), FakeLmStudio.contentChunk("Hi."),
                FakeLmStudio.finishChunk("stop"), "[DONE]")));

        SseClient stream = browser.stream(userSays("A long prompt")).awaitEnd(WAIT);

        assertThat(fake.lastChatRequest().body().path("return_progress").asBoolean()).isTrue();
        List<SseClient.Event> progress = stream.named("progress");
        assertThat(progress).as("%s", stream.events()).hasSize(2);
        assertThat(progress.get(0).data().path("processed").asInt()).isEqualTo(40);
        assertThat(progress.get(0).data().path("total").asInt()).isEqualTo(100);
        assertThat(stream.text("delta")).isEqualTo("Hi.");
        assertThat(stream.await("done", WAIT).data().path("status").asText()).isEqualTo("complete");
    }

    @Test
    void shouldNotAskOtherServersForIt() {
        browser.api().get("/api/models").then().statusCode(200);
        browser.stream(userSays("Hello")).awaitEnd(WAIT);
        assertThat(fake.lastChatRequest().body().has("return_progress")).as("LM Studio does not know the option").isFalse();
    }
}
