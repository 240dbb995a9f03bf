package dev.synin.lmstudio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

class SseLineParserTest {

    private final List<String> data = new ArrayList<>();
    private final SseLineParser parser = new SseLineParser(data::add);

    private void feed(String text) {
        parser.feed(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldRejoinAnEventSplitAcrossReads() {
        feed("data: {\"a\":");
        feed("1}\n");
        assertThat(data).isEmpty();
        feed("\ndata: [DONE]\n\n");
        assertThat(data).containsExactly("{\"a\":1}", "[DONE]");
    }

    @Test
    void shouldSplitSeveralEventsInOneReadAndIgnoreCommentsAndCrlf() {
        feed(": keep-alive\r\n\r\ndata: one\r\n\r\nevent: x\ndata: two\n\n\n\ndata: three\n\n");
        assertThat(data).containsExactly("one", "two", "three");
    }

    @Test
    void shouldJoinMultiLineDataAndKeepAUtf8CharacterCutInTwo() {
        byte[] bytes = "data: 6 × 7\ndata: = 42\n\n".getBytes(StandardCharsets.UTF_8);
        int cut = "data: 6 ".getBytes(StandardCharsets.UTF_8).length + 1; // inside the two bytes of ×
        parser.feed(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, 0, cut)));
        parser.feed(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, cut, bytes.length)));
        assertThat(data).containsExactly("6 × 7\n= 42");
    }

    @Test
    void shouldDeliverALastEventWithoutTrailingBlankLine() {
        feed("data: last");
        parser.end();
        assertThat(data).containsExactly("last");
    }
}
