package dev.synin.lmstudio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.synin.lmstudio.dto.ChatChunk;
import dev.synin.lmstudio.dto.Delta;
import dev.synin.lmstudio.dto.Usage;

/**
 * Reads the SSE {@code data} of a streaming answer, one event at a time, into what Synin relays:
 * content, reasoning (from {@code reasoning_content}, {@code reasoning} or an inline {@code <think>} block),
 * the finish reason and the usage chunk. One instance per answer.
 */
public final class AnswerDecoder {

    /** What one upstream event contributed; empty strings where it carried nothing. */
    public record Piece(String content, String reasoning, String finishReason, Usage usage, String model, boolean done) {

        static final Piece DONE = new Piece("", "", null, null, null, true);

        public boolean hasText() {
            return !content.isEmpty() || !reasoning.isEmpty();
        }
    }

    private final ObjectReader chunkReader;
    private final ThinkTagSplitter splitter = new ThinkTagSplitter();

    public AnswerDecoder(ObjectMapper json) {
        this.chunkReader = json.readerFor(ChatChunk.class);
    }

    /** @throws JsonProcessingException when the server sent something that is not a chunk */
    public Piece decode(String data) throws JsonProcessingException {
        String trimmed = data == null ? "" : data.strip();
        if (trimmed.isEmpty()) {
            return new Piece("", "", null, null, null, false);
        }
        if ("[DONE]".equals(trimmed)) {
            return Piece.DONE;
        }
        ChatChunk chunk = chunkReader.readValue(trimmed);
        ChatChunk.Choice choice = chunk.firstChoice();
        Delta delta = choice == null ? null : choice.delta();
        String reasoning = delta == null || delta.anyReasoning() == null ? "" : delta.anyReasoning();
        String content = "";
        if (delta != null && delta.content() != null) {
            ThinkTagSplitter.Split split = splitter.accept(delta.content());
            reasoning = reasoning + split.reasoning();
            content = split.content();
        }
        return new Piece(content, reasoning, choice == null ? null : choice.finishReason(), chunk.usage(), chunk.model(), false);
    }

    /** Text the splitter held back, to be relayed when the stream ends. */
    public ThinkTagSplitter.Split flush() {
        return splitter.flush();
    }

    /** Splits a complete (non-streaming) message the same way. */
    public static ThinkTagSplitter.Split splitComplete(Delta message) {
        ThinkTagSplitter splitter = new ThinkTagSplitter();
        String content = message == null || message.content() == null ? "" : message.content();
        ThinkTagSplitter.Split first = splitter.accept(content);
        ThinkTagSplitter.Split rest = splitter.flush();
        String reasoning = (message == null || message.anyReasoning() == null ? "" : message.anyReasoning())
                + first.reasoning() + rest.reasoning();
        return new ThinkTagSplitter.Split(reasoning, first.content() + rest.content());
    }
}
