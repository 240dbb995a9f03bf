package dev.synin.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class HealthTest extends SyninApiTest {

    @Test
    void shouldReportEverythingUp() {
        given().get("/api/health").then().statusCode(200)
                .body("status", equalTo("up"))
                .body("lmStudio.status", equalTo("up"))
                .body("lmStudio.baseUrl", equalTo(fake.baseUrl()))
                .body("database.status", equalTo("up"));
        given().port(management.getPort()).get("/q/health/ready").then().statusCode(200);
        given().port(management.getPort()).get("/q/health/live").then().statusCode(200);
    }

    @Test
    void shouldReportLmStudioDownWithTheFixButStayReady() {
        fake.goOffline();
        given().get("/api/health").then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("lmStudio.status", equalTo("down"))
                .body("lmStudio.error", containsString(fake.baseUrl()))
                .body("lmStudio.hint", containsString("lms server start"))
                .body("database.status", equalTo("up"));
        given().port(management.getPort()).get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'lm-studio' }.data.reachable", equalTo(false));
    }

    @Test
    void shouldListModelsWithLmStudiosDetails() {
        given().get("/api/models").then().statusCode(200)
                .body("models", hasSize(3))
                .body("models[0].id", equalTo("qwen2.5-7b-instruct"))
                .body("models[0].type", equalTo("llm"))
                .body("models[0].state", equalTo("loaded"))
                .body("models[0].maxContextLength", equalTo(32768))
                .body("models.type", hasItem("embeddings"))
                .body("defaultModel", equalTo("qwen2.5-7b-instruct"));
    }

    @Test
    void shouldListModelsOfServersWithoutLmStudiosOwnApi() {
        fake.withoutNativeApi();
        given().get("/api/models").then().statusCode(200)
                .body("models", hasSize(3))
                .body("models[0].type", nullValue())
                .body("defaultModel", equalTo("qwen2.5-7b-instruct"));
    }

    @Test
    void shouldSay503WhenLmStudioCannotListModels() {
        fake.goOffline();
        given().get("/api/models").then().statusCode(503)
                .body("error.code", equalTo("lm_studio_unavailable"))
                .body("error.message", containsString("lms server start"));
    }
}
