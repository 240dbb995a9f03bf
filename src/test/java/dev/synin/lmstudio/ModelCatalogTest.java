package dev.synin.lmstudio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.FakeServers.Dialect;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The context window and details of each server kind's models, as {@code GET /api/models} shows them. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ModelCatalogTest extends SyninApiTest {

    @Test
    void shouldReadLmStudio04sLoadedInstanceContextAndCapabilities() {
        fake.speak(Dialect.LM_STUDIO_V1);
        browser.api().get("/api/models").then().statusCode(200)
                .body("server", equalTo("lm-studio"))
                .body("canManage", equalTo(true))
                .body("models", hasSize(3))
                .body("models[0].id", equalTo("qwen2.5-7b-instruct"))
                .body("models[0].state", equalTo("loaded"))
                .body("models[0].maxContextLength", equalTo(32768))
                .body("models[0].loadedContextLength", equalTo(4096))
                .body("models[0].contextLength", equalTo(4096))
                .body("models[0].toolUse", equalTo(true))
                .body("models[0].instanceIds[0]", equalTo("qwen2.5-7b-instruct"))
                .body("models[1].state", equalTo("not-loaded"))
                .body("models[1].contextLength", equalTo(131072))
                .body("models[1].reasoning", equalTo(true))
                .body("models[2].type", equalTo("embedding"));
    }

    @Test
    void shouldFallBackToLmStudio03sMaximumContext() {
        browser.api().get("/api/models").then().statusCode(200)
                .body("server", equalTo("lm-studio-legacy"))
                .body("canManage", equalTo(false))
                .body("models[0].contextLength", equalTo(32768));
    }

    @Test
    void shouldReadLlamaServersSlotContextFromItsModelList() {
        fake.speak(Dialect.LLAMA_CPP);
        browser.api().get("/api/models").then().statusCode(200)
                .body("server", equalTo("llama-cpp"))
                .body("defaultModel", equalTo("tiny-qwen2"))
                .body("models[0].contextLength", equalTo(2048))
                .body("models[0].maxContextLength", equalTo(32768))
                .body("canManage", equalTo(false))
                .body("models[0].vision", equalTo(true));
        assertThat(fake.requests()).as("/props says whether the model sees images")
                .anyMatch(r -> r.path().equals("/props"));
    }

    @Test
    void shouldReadOllamasRunningContextAndNumCtx() {
        fake.speak(Dialect.OLLAMA);
        browser.api().get("/api/models").then().statusCode(200)
                .body("server", equalTo("ollama"))
                .body("models[0].id", equalTo("llama3.2:latest"))
                .body("models[0].state", equalTo("loaded"))
                .body("models[0].contextLength", equalTo(8192))
                .body("models[0].maxContextLength", equalTo(131072))
                .body("models[1].state", equalTo("not-loaded"))
                .body("models[1].contextLength", equalTo(6144))
                .body("models[1].reasoning", equalTo(true))
                .body("models[1].toolUse", equalTo(true));
    }

    @Test
    void shouldReadVllmsMaxModelLen() {
        fake.speak(Dialect.VLLM);
        browser.api().get("/api/models").then().statusCode(200)
                .body("server", equalTo("vllm"))
                .body("models[0].contextLength", equalTo(16384));
    }

    @Test
    void shouldKnowOnlyTheIdsOfAnUnknownServer() {
        fake.withoutNativeApi();
        browser.api().get("/api/models").then().statusCode(200)
                .body("server", equalTo("openai-compatible"))
                .body("models", hasSize(3))
                .body("models[0].contextLength", nullValue());
    }

    @Test
    void shouldLoadAModelWithTheChosenContextAndNotTwice() {
        fake.speak(Dialect.LM_STUDIO_V1);
        browser.api().body(Map.of("model", "deepseek-r1-distill-qwen-7b", "contextLength", 16384)).post("/api/models/load")
                .then().statusCode(200)
                .body("alreadyLoaded", equalTo(false))
                .body("contextLength", equalTo(16384))
                .body("instanceId", equalTo("deepseek-r1-distill-qwen-7b"));
        var load = fake.requests().stream().filter(r -> r.path().equals("/api/v1/models/load")).findFirst().orElseThrow();
        assertThat(load.body().path("context_length").asInt()).isEqualTo(16384);

        browser.api().body(Map.of("model", "deepseek-r1-distill-qwen-7b")).post("/api/models/load").then().statusCode(200)
                .body("alreadyLoaded", equalTo(true)).body("contextLength", equalTo(16384));
        browser.api().body(Map.of("model", "deepseek-r1-distill-qwen-7b", "contextLength", 8192)).post("/api/models/load")
                .then().statusCode(409).body("error.message", containsString("Eject it first"));
        assertThat(fake.servers().loads()).as("an already loaded model is never loaded again").isEqualTo(1);
        browser.api().get("/api/models").then().body("models[1].state", equalTo("loaded")).body("models[1].contextLength", equalTo(16384));
    }

    @Test
    void shouldEjectEveryInstanceOfAModel() {
        fake.speak(Dialect.LM_STUDIO_V1);
        browser.api().body(Map.of("model", "qwen2.5-7b-instruct")).post("/api/models/eject").then().statusCode(200)
                .body("instanceIds[0]", equalTo("qwen2.5-7b-instruct"));
        var unload = fake.requests().stream().filter(r -> r.path().equals("/api/v1/models/unload")).findFirst().orElseThrow();
        assertThat(unload.body().path("instance_id").asText()).isEqualTo("qwen2.5-7b-instruct");
        browser.api().get("/api/models").then().body("models[0].state", equalTo("not-loaded"));
    }

    @Test
    void shouldRefuseToManageModelsOnOtherServers() {
        fake.speak(Dialect.LLAMA_CPP);
        browser.api().body(Map.of("model", "tiny-qwen2")).post("/api/models/load").then().statusCode(400)
                .body("error.message", containsString("LM Studio 0.4"));
        browser.api().body(Map.of("model", "nope")).post("/api/models/load").then().statusCode(400);
        fake.speak(Dialect.LM_STUDIO_V1);
        browser.api().body(Map.of("model", "nope")).post("/api/models/load").then().statusCode(404)
                .body("error.code", equalTo("model_not_found"));
    }

    @Test
    void shouldExposeEverySyninMeterAtZeroBeforeItIsUsed() {
        String metrics = io.restassured.RestAssured.given().port(management.getPort()).get("/q/metrics").then().statusCode(200).extract().asString();
        // Rate limits are off in tests, so these can only be there because they were registered at start.
        assertThat(metrics).contains("synin_ratelimit_rejections_total{reason=\"chats_per_minute\"} 0.0")
                .contains("synin_ratelimit_rejections_total{reason=\"concurrent_generations\"} 0.0")
                .contains("synin_ratelimit_refunds_total 0.0")
                .contains("synin_upstream_errors_total{kind=\"lm_studio_unavailable\"}")
                .contains("synin_answers_total{status=\"stopped\"}")
                .contains("synin_streams_active").contains("synin_time_to_first_token_seconds_count")
                .contains("synin_chunks_relayed_total");
    }
}
