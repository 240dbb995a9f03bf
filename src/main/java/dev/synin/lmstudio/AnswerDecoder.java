package dev.synin.lmstudio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.synin.lmstudio.dto.ChatChunk;
import dev.synin.lmstudio.dto.Delta;
import dev.synin.lmstudio.dto.PromptProgress;
import dev.synin.lmstudio.dto.Usage;

/**
 * Reads the SSE {@code data} of a streaming answer, one event at a time, into what Synin relays:
 * content, reasoning (from {@code reasoning_content}, {@code reasoning} or an inline {@code <think>} block),
 * the finish reason, the usage chunk and the server's own timings. One instance per answer.
 */
public final class AnswerDecoder {

    /** What one upstream event contributed; empty strings where it carried nothing. */
    public record Piece(String content, String reasoning, String finishReason, Usage usage, ServerTimings timings, String model,
            boolean done, String error, PromptProgress progress) {

        static final Piece DONE = new Piece("", "", null, null, null, null, true, null, null);
        static final Piece NOTHING = new Piece("", "", null, null, null, null, false, null, null);
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
            return Piece.NOTHING;
        }
        if ("[DONE]".equals(trimmed)) {
            return Piece.DONE;
        }
        ChatChunk chunk = chunkReader.readValue(trimmed);
        if (chunk.error() != null && !chunk.error().isNull()) {
            return new Piece("", "", null, null, null, chunk.model(), false, errorText(chunk.error()), null);
        }
        ChatChunk.Choice choice = chunk.firstChoice();
        Delta delta = choice == null ? null : choice.delta();
        String reasoning = delta == null || delta.anyReasoning() == null ? "" : delta.anyReasoning();
        String content = "";
        if (delta != null && delta.content() != null) {
            ThinkTagSplitter.Split split = splitter.accept(delta.content());
            reasoning = reasoning + split.reasoning();
            content = split.content();
        }
        return new Piece(content, reasoning, choice == null ? null : choice.finishReason(), chunk.usage(),
                ServerTimings.of(chunk.timings(), chunk.stats()), chunk.model(), false, null, chunk.promptProgress());
    }

    /** {@code "error":"text"} (LM Studio's legacy form) or {@code "error":{"message":"text",...}} (OpenAI's). */
    private static String errorText(com.fasterxml.jackson.databind.JsonNode error) {
        if (error.isTextual()) {
            return error.asText();
        }
        String message = error.path("message").asText("");
        return message.isBlank() ? error.toString() : message;
    }

    /** Text the splitter held back, to be relayed when the stream ends. */
    public ThinkTagSplitter.Split flush() {
        return splitter.flush();
    }
}
