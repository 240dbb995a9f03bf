package dev.synin.chat;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.synin.conversation.ConversationService;
import dev.synin.conversation.MessageStatus;
import dev.synin.lmstudio.AnswerListener;
import dev.synin.lmstudio.AnswerStreams;
import dev.synin.lmstudio.UpstreamEnding;
import dev.synin.lmstudio.dto.ChatCompletionRequest;
import dev.synin.lmstudio.dto.Usage;
import dev.synin.lmstudio.dto.UpstreamMessage;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * {@code SYNIN_TITLES=model}: once the first answer of a new conversation is stored, asks the same server and model, in
 * the background, for a title of a few words. It never delays the answer, counts against no rate limit, and changes
 * the title only while it is still the one made from the first message (a rename wins). Any failure leaves that title.
 */
@ApplicationScoped
public class TitleWriter {

    static final String INSTRUCTION = "Write a title of 3 to 6 words for the conversation below, in its language. "
            + "Reply with the title only: no quotes, no punctuation at the end.";
    /** Enough of the answer to know what it is about; the rest only costs prompt time. */
    private static final int ANSWER_CHARS = 1500;
    private static final int TITLE_TOKENS = 24;

    private final AnswerStreams streams;
    private final ConversationService conversations;
    private final ChatConfig config;
    private final GenerationRegistry registry;

    TitleWriter(AnswerStreams streams, ConversationService conversations, ChatConfig config, GenerationRegistry registry) {
        this.streams = streams;
        this.conversations = conversations;
        this.config = config;
        this.registry = registry;
    }

    /** The first answer of a conversation ended as {@code answer}: maybe give the conversation a better title. */
    void firstAnswerStored(PreparedTurn turn, String question, FinalAnswer answer) {
        // Only after an answer that finished (not one stopped, cut or ended by a shutdown): the server is there and free.
        if (config.titles() != ChatConfig.Titles.MODEL || answer.status() != MessageStatus.COMPLETE || answer.content().isBlank()
                || registry.isShuttingDown()) {
            return;
        }
        String fallback = ChatService.titleFrom(question);
        String excerpt = answer.content().length() > ANSWER_CHARS ? answer.content().substring(0, ANSWER_CHARS) : answer.content();
        List<UpstreamMessage> prompt = List.of(new UpstreamMessage("system", INSTRUCTION),
                new UpstreamMessage("user", "Question: " + question + "\n\nAnswer: " + excerpt));
        StringBuilder title = new StringBuilder();
        streams.open(ChatCompletionRequest.streaming(answer.model() != null ? answer.model() : turn.model(), prompt, 0.2, TITLE_TOKENS),
                new AnswerListener() {
                    @Override
                    public void onText(String reasoning, String content) {
                        title.append(content); // a reasoning model's thinking is not the title
                    }

                    @Override
                    public void onUsage(Usage usage) {
                    }

                    @Override
                    public void onEnd(UpstreamEnding ending) {
                        String cleaned = clean(title.toString());
                        if (ending.kind() == UpstreamEnding.Kind.FINISHED && !cleaned.isEmpty()) {
                            Infrastructure.getDefaultWorkerPool().execute(() -> store(turn.conversationId(), fallback, cleaned));
                        }
                    }
                });
    }

    private void store(UUID conversationId, String fallback, String title) {
        try {
            conversations.retitle(conversationId, fallback, title);
        } catch (RuntimeException e) {
            Log.debugf("Could not store the title of conversation %s: %s", conversationId, e.getMessage());
        }
    }

    /** One line, no quotes or a "Title:" label around it, no final full stop, at most a title's length. */
    static String clean(String text) {
        String line = text.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        line = line.replaceFirst("(?i)^title\\s*:\\s*", "").replaceAll("^[\"'“”«*#\\s]+|[\"'“”»*\\s]+$", "").replaceAll("[.。]+$", "");
        return line.isBlank() ? "" : ChatService.titleFrom(line);
    }
}
