package dev.synin.conversation;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.testing.FakeLmStudio;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Json;
import dev.synin.testing.Reply;
import dev.synin.testing.SyninApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Export every branch, import it back (and ChatGPT's export) as new conversations, all or nothing. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ConversationImportTest extends SyninApiTest {

    /** ChatGPT's conversations.json: a hidden system root, a question answered twice (a branch), a tool call left out. */
    private static final String CHATGPT = """
            [{"title": "Trip to Porto", "create_time": 1700000000.5, "update_time": 1700000300.25, "current_node": "a2",
              "mapping": {
                "root": {"id": "root", "message": null, "parent": null, "children": ["sys"]},
                "sys": {"id": "sys", "parent": "root", "children": ["u1"], "message": {"author": {"role": "system"},
                        "content": {"content_type": "text", "parts": [""]}, "metadata": {"is_visually_hidden_from_conversation": true}}},
                "u1": {"id": "u1", "parent": "sys", "children": ["a1", "t1"], "message": {"author": {"role": "user"}, "create_time": 1700000010,
                        "content": {"content_type": "text", "parts": ["What to see in Porto?"]}}},
                "a1": {"id": "a1", "parent": "u1", "children": [], "message": {"author": {"role": "assistant"}, "create_time": 1700000020,
                        "content": {"content_type": "text", "parts": ["The Ribeira."]}, "metadata": {"model_slug": "gpt-4o"}}},
                "t1": {"id": "t1", "parent": "u1", "children": ["a2"], "message": {"author": {"role": "assistant"},
                        "content": {"content_type": "code", "text": "search('porto')"}}},
                "a2": {"id": "a2", "parent": "t1", "children": [], "message": {"author": {"role": "assistant"}, "create_time": 1700000030,
                        "content": {"content_type": "text", "parts": ["Livraria Lello and the Ribeira."]}, "metadata": {"model_slug": "gpt-4o"}}}
              }}]
            """;

    private JsonPath detail(String id) {
        return browser.api().get("/api/conversations/" + id).then().statusCode(200).extract().jsonPath();
    }

    private long count() {
        return browser.api().get("/api/conversations").then().extract().jsonPath().getLong("total");
    }

    @Test
    void shouldImportAChatGptExportWithItsBranchesTitleAndTimes() {
        JsonPath imported = browser.api().body(CHATGPT).post("/api/import").then().statusCode(201)
                .body("count", equalTo(1)).body("conversations[0].title", equalTo("Trip to Porto")).extract().jsonPath();
        String id = imported.getString("conversations[0].id");

        JsonPath shown = detail(id);
        assertThat(shown.getList("messages.content")).as("the current node's branch, tool call left out")
                .containsExactly("What to see in Porto?", "Livraria Lello and the Ribeira.");
        assertThat(shown.getList("messages[1].siblingIds")).as("both answers are versions of one answer").hasSize(2);
        assertThat(shown.getString("messages[1].model")).isEqualTo("gpt-4o");
        assertThat(shown.getString("createdAt")).startsWith("2023-11-14T22:13:20.5");
        assertThat(shown.getString("messages[0].createdAt")).startsWith("2023-11-14T22:13:30");
        assertThat(shown.getInt("messageCount")).isEqualTo(3);

        String other = shown.getList("messages[1].siblingIds").get(0).toString();
        JsonPath otherBranch = browser.api().body(Map.of("messageId", other)).put("/api/conversations/" + id + "/current").then()
                .statusCode(200).extract().jsonPath();
        assertThat(otherBranch.getList("messages.content")).containsExactly("What to see in Porto?", "The Ribeira.");

        fake.enqueue(Reply.stream(List.of(FakeLmStudio.contentChunk("Sure."), FakeLmStudio.finishChunk("stop"), "[DONE]")));
        Map<String, Object> next = new HashMap<>(userSays("And to eat?"));
        next.put("conversationId", id);
        browser.stream(next).awaitEnd(WAIT).await("done", WAIT);
        assertThat(fake.lastChatRequest().body().path("messages").size()).as("an imported conversation goes on").isEqualTo(3);
    }

    @Test
    void shouldExportEveryBranchAndImportItBackAsTheSameTree() {
        fake.enqueue(Reply.stream(List.of(FakeLmStudio.contentChunk("One."), FakeLmStudio.finishChunk("stop"), "[DONE]")));
        String id = browser.stream(userSays("Count")).awaitEnd(WAIT).named("start").get(0).data().path("conversationId").asText();
        fake.enqueue(Reply.stream(List.of(FakeLmStudio.contentChunk("Two."), FakeLmStudio.finishChunk("stop"), "[DONE]")));
        browser.stream(Map.of("conversationId", id, "regenerate", true, "messages", List.of())).awaitEnd(WAIT);
        Map<String, Object> follow = new HashMap<>(userSays("Again"));
        follow.put("conversationId", id);
        browser.stream(follow).awaitEnd(WAIT);

        String exported = browser.api().get("/api/conversations/" + id + "/export?format=json").then().statusCode(200)
                .body("format", equalTo("synin-conversation")).extract().asString();
        JsonNode first = Json.read(exported);
        assertThat(first.path("messages").size()).as("every branch").isEqualTo(5);

        String copy = browser.api().body(exported).post("/api/import").then().statusCode(201).extract().path("conversations[0].id");
        assertThat(copy).isNotEqualTo(id);
        JsonNode second = Json.read(browser.api().get("/api/conversations/" + copy + "/export?format=json").then().extract().asString());

        assertThat(shape(second)).isEqualTo(shape(first));
        assertThat(second.path("messages").get(0).path("id").asText()).isNotEqualTo(first.path("messages").get(0).path("id").asText());
        assertThat(detail(copy).getList("messages.content")).isEqualTo(detail(id).getList("messages.content"));

        String markdown = browser.api().get("/api/conversations/" + id + "/export?format=markdown").then().extract().asString();
        assertThat(markdown).as("Markdown holds the branch shown").contains("Two.").doesNotContain("One.");
    }

    /** The tree with ids replaced by positions, and what each message says. */
    private static List<String> shape(JsonNode export) {
        Map<String, Integer> positions = new HashMap<>();
        List<String> shape = new ArrayList<>();
        int i = 0;
        for (JsonNode m : export.path("messages")) {
            positions.put(m.path("id").asText(), i++);
        }
        for (JsonNode m : export.path("messages")) {
            shape.add(positions.get(m.path("parentId").asText()) + " " + m.path("role").asText() + " " + m.path("content").asText()
                    + " " + m.path("status").asText() + (m.path("id").asText().equals(export.path("currentLeafId").asText()) ? " *" : ""));
        }
        return shape;
    }

    @Test
    void shouldRefuseAnythingElseWithAClearErrorAndImportNothing() {
        long before = count();
        browser.api().body("{\"hello\":1}").post("/api/import").then().statusCode(400)
                .body("error.message", containsString("neither a Synin export"));
        browser.api().body("[]").post("/api/import").then().statusCode(400);
        browser.api().body("42").post("/api/import").then().statusCode(400);
        // The second conversation is broken: the first is not imported either.
        String halfBroken = "[" + CHATGPT.strip().substring(1, CHATGPT.strip().length() - 1)
                + ", {\"format\":\"synin-conversation\",\"title\":\"x\",\"messages\":[{\"id\":\"a\",\"parentId\":\"missing\",\"role\":\"user\",\"content\":\"hi\"}]}]";
        browser.api().body(halfBroken).post("/api/import").then().statusCode(400)
                .body("error.message", containsString("Conversation 2"));
        browser.api().body("{\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}").post("/api/import").then().statusCode(400)
                .body("error.message", containsString("role"));
        browser.api().body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"createdAt\":\"yesterday\"}]}").post("/api/import")
                .then().statusCode(400);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void shouldImportAnOlderSyninExportAsOneBranch() {
        String old = "{\"title\":\"Old\",\"messages\":[{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"assistant\",\"content\":\"A\",\"status\":\"streaming\"}]}";
        String id = browser.api().body(old).post("/api/import").then().statusCode(201).extract().path("conversations[0].id");
        JsonPath shown = detail(id);
        assertThat(shown.getList("messages.content")).containsExactly("Q", "A");
        assertThat(shown.getString("messages[1].status")).as("nothing will finish it here").isEqualTo("interrupted");
        assertThat(shown.getBoolean("generating")).isFalse();
    }
}
