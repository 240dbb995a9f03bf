package dev.synin.chat;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bad input gets a clear 4xx in Synin's error shape, and nothing reaches LM Studio. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ChatRequestErrorsTest extends SyninApiTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                    | {\"messages\": [                                                        | not valid JSON",
            "missing content             | {\"messages\":[{\"role\":\"user\"}]}                                     | content is missing",
            "no messages                 | {}                                                                      | must end with a user message",
            "last message not user       | {\"messages\":[{\"role\":\"assistant\",\"content\":\"x\"}]}              | must end with a user message",
            "empty user message          | {\"messages\":[{\"role\":\"user\",\"content\":\"   \"}]}                 | empty",
            "unknown role                | {\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}                 | role must be one of",
            "temperature above 2         | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":3} | temperature must be between 0 and 2",
            "negative temperature        | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":-1}| temperature must be between 0 and 2",
            "maxTokens below 1           | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"maxTokens\":0}   | maxTokens must be at least 1",
            "maxTokens of the wrong type | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"maxTokens\":\"many\"} | maxTokens",
            "conversationId not a UUID   | {\"conversationId\":\"42\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | conversationId",
            "regenerate without id       | {\"regenerate\":true,\"messages\":[]}                                   | regenerate needs a conversationId" })
    void shouldRejectBadInputWithAClearMessage(String what, String body, String expected) {
        for (String path : new String[] { "/api/chat", "/api/chat/stream" }) {
            browser.api().body(body).post(path).then()
                    .statusCode(400)
                    .contentType("application/json")
                    .body("error.code", equalTo("bad_request"))
                    .body("error.message", containsString(expected))
                    .body(not(containsString("Exception")));
        }
        org.assertj.core.api.Assertions.assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void shouldRejectUnknownFieldsHostileNestingAndInvalidUtf8() {
        browser.api().body("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temprature\":0.5}").post("/api/chat")
                .then().statusCode(400).body("error.message", containsString("Unknown field \"temprature\""));
        String nested = "[".repeat(5000) + "]".repeat(5000);
        browser.api().body("{\"messages\":" + nested + "}").post("/api/chat").then().statusCode(400)
                .body("error.code", equalTo("bad_request"));
        byte[] invalidUtf8 = { '{', '"', 'm', 'e', 's', 's', 'a', 'g', 'e', 's', '"', ':', '[', '{', '"', 'r', 'o', 'l', 'e', '"', ':',
                '"', 'u', 's', 'e', 'r', '"', ',', '"', 'c', 'o', 'n', 't', 'e', 'n', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}',
                ']', '}' };
        browser.api().body(invalidUtf8).post("/api/chat").then().statusCode(400).body("error.code", equalTo("bad_request"));
        org.assertj.core.api.Assertions.assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void shouldRefuseABodyOverTheLimitWith413() {
        String huge = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(1_100_000) + "\"}]}";
        browser.api().body(huge).post("/api/chat").then()
                .statusCode(413)
                .body("error.code", equalTo("payload_too_large"))
                .body("error.message", containsString("SYNIN_MAX_BODY_SIZE"));
    }

    @Test
    void shouldRefuseAMessageOverTheLengthLimit() {
        String long1 = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "y".repeat(200_001) + "\"}]}";
        browser.api().body(long1).post("/api/chat").then().statusCode(400).body("error.message", containsString("at most 200000"));
    }

    @Test
    void shouldAnswerUnknownPathsAndMethodsInTheSameErrorShape() {
        browser.api().get("/api/nothing-here").then().statusCode(404).body("error.code", equalTo("not_found"));
        browser.api().get("/api/chat").then().statusCode(405).body("error.code", equalTo("method_not_allowed"));
        browser.api().contentType("text/plain").body("hi").post("/api/chat").then().statusCode(415)
                .body("error.code", equalTo("unsupported_media_type"));
    }
}
