package dev.synin.chat;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.synin.conversation.ConversationService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * The body of {@code POST /api/chat}: the stored answer as one JSON document once it has ended. While the answer is
 * generated, a space is written every second after the first token (JSON allows leading white space): writing is the
 * only way to notice a client that hung up, and a client that hung up stops the answer. A failure before anything
 * was written is the response's status; after, the answer's own {@code status} and {@code error} say it.
 */
@ApplicationScoped
public class WholeAnswers {

    static final String HUNG_UP = "The client disconnected before the answer was finished.";
    private static final long KEEP_ALIVE_MS = 1000;
    private static final byte[] SPACE = { ' ' };

    private final ConversationService conversations;
    private final ObjectMapper json;
    private final Vertx vertx;

    WholeAnswers(ConversationService conversations, ObjectMapper json, Vertx vertx) {
        this.conversations = conversations;
        this.json = json;
        this.vertx = vertx;
    }

    Multi<byte[]> of(Generation generation) {
        generation.pin();
        return Multi.createFrom().emitter(emitter -> {
            AtomicBoolean wrote = new AtomicBoolean();
            long timer = vertx.setPeriodic(KEEP_ALIVE_MS, id -> {
                if (generation.hasFirstToken() && !generation.outcome().isDone()) {
                    wrote.set(true);
                    emitter.emit(SPACE);
                }
            });
            emitter.onTermination(() -> {
                vertx.cancelTimer(timer);
                generation.interrupt(HUNG_UP); // nothing once the answer has ended
            });
            generation.outcome().thenAcceptAsync(answer -> {
                vertx.cancelTimer(timer);
                if (answer.error() != null && !wrote.get()) {
                    emitter.fail(answer.error());
                    return;
                }
                try {
                    int dropped = generation.droppedMessages();
                    emitter.emit(json.writeValueAsBytes(new ChatResponse(generation.conversationId(),
                            conversations.message(generation.answerId()), dropped > 0, dropped)));
                    emitter.complete();
                } catch (JsonProcessingException | RuntimeException e) {
                    emitter.fail(e);
                }
            }, Infrastructure.getDefaultWorkerPool());
        });
    }
}
