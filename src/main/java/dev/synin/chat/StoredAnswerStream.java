package dev.synin.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;

import dev.synin.conversation.ConversationService;
import dev.synin.conversation.MessageView;
import dev.synin.error.ApiError;
import dev.synin.error.ErrorCode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * An answer told from the database instead of from its generation: the stored final state at once, or, for an answer
 * generated on another replica when there is no Redis to follow it live, its text as the partial saves bring it
 * (every {@code SYNIN_CHAT_PARTIAL_SAVE_INTERVAL}) until it ends. Frames carry no ids (see {@link AnswerFrames#unnumbered}).
 */
@ApplicationScoped
public class StoredAnswerStream {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final AnswerFrames frames;
    private final ConversationService conversations;

    StoredAnswerStream(AnswerFrames frames, ConversationService conversations) {
        this.frames = frames;
        this.conversations = conversations;
    }

    /** The whole stored answer as one stream of events: start, its text, and how it ended. */
    Multi<OutboundSseEvent> ended(UUID conversationId, MessageView answer) {
        List<OutboundSseEvent> events = new ArrayList<>(textFrom(conversationId, answer, null));
        events.add(frames.unnumbered(lastEvent(answer)));
        return Multi.createFrom().iterable(events);
    }

    /** Follows a streaming answer through its saved progress, from the start. */
    Multi<OutboundSseEvent> polled(String ownerId, UUID conversationId, MessageView first) {
        return Multi.createFrom().emitter(emitter -> {
            MessageView[] previous = { null };
            Runnable poll = () -> {
                try {
                    MessageView answer = previous[0] == null ? first
                            : conversations.latestAnswer(ownerId, conversationId).filter(m -> m.id().equals(first.id())).orElse(null);
                    if (answer == null) {
                        emitter.emit(frames.unnumbered(new AnswerEvent.Failed(gone())));
                        emitter.complete();
                        return;
                    }
                    textFrom(conversationId, answer, previous[0]).forEach(emitter::emit);
                    previous[0] = answer;
                    if (!"streaming".equals(answer.status())) {
                        emitter.emit(frames.unnumbered(lastEvent(answer)));
                        emitter.complete();
                    }
                } catch (RuntimeException e) {
                    Log.debugf("Following answer %s from the database: %s", first.id(), e.getMessage()); // next tick
                }
            };
            ScheduledFuture<?> task = Infrastructure.getDefaultWorkerPool().scheduleWithFixedDelay(poll, 0, POLL.toMillis(),
                    TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> task.cancel(false));
        });
    }

    private List<OutboundSseEvent> textFrom(UUID conversationId, MessageView answer, MessageView before) {
        List<OutboundSseEvent> events = new ArrayList<>(3);
        if (before == null) {
            events.add(frames.unnumbered(new AnswerEvent.Started(conversationId, answer.parentId(), answer.id(), answer.model(), false, 0, false)));
        }
        String reasoning = answer.reasoning() == null ? "" : answer.reasoning();
        String reasoningBefore = before == null || before.reasoning() == null ? "" : before.reasoning();
        if (reasoning.length() > reasoningBefore.length()) {
            events.add(frames.unnumbered(new AnswerEvent.Reasoning(reasoning.substring(reasoningBefore.length()))));
        }
        String contentBefore = before == null ? "" : before.content();
        if (answer.content().length() > contentBefore.length()) {
            events.add(frames.unnumbered(new AnswerEvent.Delta(answer.content().substring(contentBefore.length()))));
        }
        return events;
    }

    private static AnswerEvent lastEvent(MessageView answer) {
        if (answer.error() != null && "error".equals(answer.status())) {
            return new AnswerEvent.Failed(new ApiError(new ApiError.Detail(answer.error().code(), answer.error().message())));
        }
        return new AnswerEvent.Done(answer.status(), answer.finishReason(), answer.usage(), answer.timings(), null);
    }

    static ApiError gone() {
        return ApiError.of(ErrorCode.NOT_FOUND, "The answer was deleted.");
    }
}
