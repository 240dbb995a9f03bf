package dev.synin.lmstudio;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.FakeServers.Dialect;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** LM_STUDIO_API_KEY against a server that checks it, and LM_STUDIO_CONTEXT_LENGTHS. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
@TestProfile(UpstreamKeyTest.WithKeyAndOverrides.class)
class UpstreamKeyTest extends SyninApiTest {

    public static class WithKeyAndOverrides implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lm-studio.api-key", "sk-right", "lm-studio.context-lengths", "qwen2.5-7b-instruct=8192,*=3000");
        }
    }

    @Test
    void shouldSendTheKeyAsABearerToken() {
        fake.requireApiKey("sk-right");
        browser.api().get("/api/health").then().body("lmStudio.status", equalTo("up"));
        browser.api().body(userSays("hi")).post("/api/chat").then().statusCode(200);
        assertThat(fake.requests()).allMatch(r -> "Bearer sk-right".equals(r.authorization()));
    }

    @Test
    void shouldSayTheKeyWasRefusedNotThatTheServerIsOffline() {
        fake.requireApiKey("sk-other");
        browser.api().get("/api/health").then().statusCode(200)
                .body("lmStudio.status", equalTo("key-refused"))
                .body("lmStudio.error", containsString("refused the API key in LM_STUDIO_API_KEY"))
                .body("lmStudio.hint", containsString("LM_STUDIO_API_KEY"));
        browser.api().body(userSays("hi")).post("/api/chat").then().statusCode(502)
                .body("error.message", containsString("refused the API key"));
        browser.api().get("/api/models").then().statusCode(502).body("error.message", containsString("refused the API key"));
    }

    @Test
    void shouldUseTheConfiguredContextLengthsOverWhatTheServerSays() {
        browser.api().get("/api/models").then().statusCode(200)
                .body("models[0].id", equalTo("qwen2.5-7b-instruct"))
                .body("models[0].maxContextLength", equalTo(32768))
                .body("models[0].contextLength", equalTo(8192))
                .body("models[1].contextLength", equalTo(131072));
        fake.withoutNativeApi();
        browser.api().get("/api/models").then().body("models[1].contextLength", equalTo(3000));
    }

    @Test
    void shouldRefuseOnlyWhatDoesNotFitTheOverriddenWindow() {
        fake.withoutNativeApi(); // a server that tells no context window: "*" applies (3000, so 2250 for the prompt)
        browser.api().body(question("deepseek-r1-distill-qwen-7b", 8_400)).post("/api/chat").then().statusCode(200);
        browser.api().body(question("deepseek-r1-distill-qwen-7b", 9_400)).post("/api/chat").then().statusCode(400)
                .body("error.message", containsString("3000 tokens"));
        browser.api().body(question("qwen2.5-7b-instruct", 20_000)).post("/api/chat").then().statusCode(200);
    }

    private static Map<String, Object> question(String model, int chars) {
        return Map.of("model", model, "messages", java.util.List.of(Map.of("role", "user", "content", "y".repeat(chars))));
    }
}
