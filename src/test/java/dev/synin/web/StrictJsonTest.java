package dev.synin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Request bodies are read strictly (one document, no duplicate keys, no coercion, no NUL or lone surrogate, UTF-8
 * only) and paging is bounded: each a 400 in the error shape naming the field, with nothing stored or sent upstream.
 */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class StrictJsonTest extends SyninApiTest {

    private static final String USER = "{\"role\":\"user\",\"content\":\"x\"}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "trailing garbage       | {\"messages\":[" + USER + "]} xyz                                   | not valid JSON",
            "two documents          | {\"messages\":[" + USER + "]}{\"messages\":[" + USER + "]}        | something follows the document",
            "duplicate key          | {\"messages\":[{\"role\":\"user\",\"role\":\"user\",\"content\":\"x\"}]} | Duplicate field",
            "string for a number    | {\"messages\":[" + USER + "],\"temperature\":\"0.5\"}              | \"temperature\": expected a number",
            "fraction for an int    | {\"messages\":[" + USER + "],\"maxTokens\":1.5}                    | \"maxTokens\": expected a whole number",
            "number for a text      | {\"messages\":[{\"role\":\"user\",\"content\":42}]}                 | \"messages[0].content\": expected a text",
            "boolean for a text     | {\"messages\":[" + USER + "],\"model\":true}                       | \"model\": expected a text",
            "string for a boolean   | {\"regenerate\":\"true\",\"messages\":[" + USER + "]}              | \"regenerate\": expected true or false",
            "NUL in content         | {\"messages\":[{\"role\":\"user\",\"content\":\"a\\u0000b\"}]}      | NUL character",
            "NUL in system prompt   | {\"messages\":[" + USER + "],\"systemPrompt\":\"\\u0000\"}         | at \"systemPrompt\"",
            "lone surrogate         | {\"messages\":[{\"role\":\"user\",\"content\":\"a\\ud800b\"}]}      | lone surrogate",
            "int overflow           | {\"messages\":[" + USER + "],\"maxTokens\":99999999999}           | maxTokens" })
    void shouldRefuseLenientJsonNamingTheField(String what, String body, String expected) {
        for (String path : new String[] { "/api/chat", "/api/chat/stream" }) {
            browser.api().body(body).post(path).then()
                    .statusCode(400)
                    .contentType("application/json")
                    .body("error.code", equalTo("bad_request"))
                    .body("error.message", containsString(expected));
        }
        assertNothingStoredOrSent();
    }

    @Test
    void shouldRefuseOverlongAndSurrogateUtf8() {
        byte[][] bodies = { bytes("{\"messages\":[{\"role\":\"user\",\"content\":\"", new byte[] { (byte) 0xC0, (byte) 0xBC }, "\"}]}"),
                bytes("{\"messages\":[{\"role\":\"user\",\"content\":\"", new byte[] { (byte) 0xE0, (byte) 0x80, (byte) 0xBE }, "\"}]}"),
                bytes("{\"messages\":[{\"role\":\"user\",\"content\":\"", new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, "\"}]}"),
                bytes("{\"messages\":[{\"role\":\"user\",\"content\":\"", new byte[] { (byte) 0xFF }, "\"}]}") };
        for (byte[] body : bodies) {
            browser.api().body(body).post("/api/chat").then().statusCode(400)
                    .body("error.code", equalTo("bad_request"))
                    .body("error.message", containsString("not valid UTF-8"));
        }
        assertNothingStoredOrSent();
    }

    @Test
    void shouldStillAcceptAStrictRequestWithAnIntegerTemperatureAndEmoji() {
        browser.api().body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi \uD83D\uDE00\"}],\"temperature\":1}").post("/api/chat")
                .then().statusCode(200);
        assertThat(fake.chatRequests()).hasSize(1);
    }

    @Test
    void shouldRefuseLenientSettingsChangesAndLeaveTheConversationAsItWas() {
        String id = browser.api().body("{\"messages\":[" + USER + "]}").post("/api/chat").then().statusCode(200)
                .extract().path("conversationId");
        for (String body : new String[] { "{\"title\":\"a\\u0000b\"}", "{\"temperature\":\"1\"}", "{\"maxTokens\":2.5}",
                "{\"title\":\"a\",\"title\":\"b\"}", "{\"title\":\"a\"} {}", "{\"temperature\":7}" }) {
            browser.api().body(body).patch("/api/conversations/" + id).then().statusCode(400)
                    .body("error.code", equalTo("bad_request"));
        }
        browser.api().get("/api/conversations/" + id).then().statusCode(200).body("title", equalTo("x"))
                .body("temperature", equalTo(null)).body("maxTokens", equalTo(null));
    }

    @Test
    void shouldBoundPagingAndRefuseNulInTheSearch() {
        browser.api().get("/api/conversations?page=2147483647&size=200").then().statusCode(400)
                .body("error.code", equalTo("bad_request")).body("error.message", containsString("page must be at most"));
        browser.api().get("/api/conversations?page=-1").then().statusCode(400).body("error.message", containsString("page must be at least 0"));
        browser.api().get("/api/conversations?size=0").then().statusCode(400).body("error.message", containsString("size must be at least 1"));
        browser.api().urlEncodingEnabled(false).get("/api/conversations?q=a%00b").then().statusCode(400).body("error.code", equalTo("bad_request"));
        browser.api().get("/api/conversations?page=99999&size=200").then().statusCode(200).body("total", equalTo(0));
    }

    private void assertNothingStoredOrSent() {
        assertThat(fake.chatRequests()).isEmpty();
        browser.api().get("/api/conversations").then().statusCode(200).body("total", equalTo(0));
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }
}
