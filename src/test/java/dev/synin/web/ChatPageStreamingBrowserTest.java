package dev.synin.web;

import static dev.synin.testing.FakeLmStudio.contentChunk;
import static dev.synin.testing.FakeLmStudio.finishChunk;
import static dev.synin.testing.FakeLmStudio.ms;
import static dev.synin.testing.FakeLmStudio.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A long answer while it streams: what is complete is drawn once and left alone. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class ChatPageStreamingBrowserTest extends ChatPageTest {

    private static final String FIRST = "The first paragraph is complete.";

    /** The last answer's body, found again by each script (the page may have re-rendered around it). */
    private static final String BODY = "const answers = document.querySelectorAll(\"[data-role='assistant'] [data-testid='message-body']\");"
            + " const body = answers[answers.length - 1];";

    @Test
    void shouldKeepTheCompletedBlocksAndASelectionInThemWhileTheAnswerStreams() {
        List<String> events = new ArrayList<>();
        events.add(contentChunk(FIRST + "\n\n"));
        events.add(contentChunk("```java\nint answer = 42;\n```\n\n"));
        events.add(contentChunk("Then"));
        for (int i = 0; i < 60; i++) {
            events.add(contentChunk(" word" + i));
        }
        events.add(contentChunk("\n\n```js\nconst open = true;\n"));
        for (int i = 0; i < 20; i++) {
            events.add(contentChunk("let line" + i + " = " + i + ";\n"));
        }
        events.add(contentChunk("```\n\nThe end."));
        events.add(finishChunk("stop"));
        events.add(usageChunk(10, events.size()));
        events.add("[DONE]");
        fake.enqueue(Reply.stream(events).pace(ms(40)));
        page.send("Write a long answer");
        page.waitForAnswerText("Then word0 word1 word2");

        // Mark the completed paragraph and code block, and select the paragraph's text as a reader would.
        page.js(BODY + " body.querySelector('p').synin = 'kept'; body.querySelector('.code-block').synin = 'kept';"
                + " const range = document.createRange(); range.selectNodeContents(body.querySelector('p'));"
                + " getSelection().removeAllRanges(); getSelection().addRange(range);");
        assertThat(page.js("return getSelection().toString()")).isEqualTo(FIRST);

        page.waitForAnswerText("let line5 = 5;");
        assertKept();
        assertThat(page.js(BODY + " return body.querySelectorAll('.code-block')[1].querySelector('.hljs-keyword') === null"))
                .as("an open code block is not highlighted at every frame").isEqualTo(true);

        page.waitForAnswer("complete");
        assertKept();
        assertThat(page.lastAnswerText()).contains("word59").contains("let line19 = 19;").endsWith("The end.");
        assertThat(page.js(BODY + " return body.querySelectorAll('.code-block').length")).isEqualTo(2L);
        assertThat(page.js(BODY + " return [...body.querySelectorAll('.code-block')].every(b => b.querySelector('code [class^=\"hljs-\"]'))"))
                .as("both code blocks are highlighted once complete").isEqualTo(true);
    }

    private void assertKept() {
        assertThat(page.js(BODY + " return [body.querySelector('p').synin, body.querySelector('.code-block').synin]"))
                .as("the completed blocks are the same nodes").isEqualTo(List.of("kept", "kept"));
        assertThat(page.js(BODY + " return body.querySelector('.code-block .hljs-type, .code-block .hljs-keyword') !== null"))
                .as("the completed code block is highlighted").isEqualTo(true);
        assertThat(page.js("return getSelection().toString()")).as("the selection is still there").isEqualTo(FIRST);
    }
}
