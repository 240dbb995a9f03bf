package dev.synin.chat;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Stores how an answer ended, off the event loop, retrying with back-off while the database is briefly away (a
 * failover, a restart): until it is written, the text exists only in this process.
 */
@ApplicationScoped
public class AnswerStore {

    private static final int RETRIES = 7;

    private final ChatService chat;

    AnswerStore(ChatService chat) {
        this.chat = chat;
    }

    /** Completes once stored, or once every attempt failed (logged); never fails. */
    Uni<Void> store(PreparedTurn turn, FinalAnswer answer) {
        return Uni.createFrom().<Void> item(() -> {
            chat.finishAnswer(turn, answer);
            return null;
        })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().invoke(e -> Log.warnf("Storing answer %s failed (%s); retrying", turn.assistantMessageId(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(250), Duration.ofSeconds(4)).atMost(RETRIES)
                .onFailure().recoverWithItem(e -> {
                    Log.errorf(e, "Could not store the answer %s of conversation %s", turn.assistantMessageId(), turn.conversationId());
                    return null;
                });
    }
}
