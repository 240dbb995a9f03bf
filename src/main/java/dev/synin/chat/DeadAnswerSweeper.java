package dev.synin.chat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.synin.conversation.Message;
import dev.synin.conversation.MessageStatus;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * No answer stays {@code streaming} once its replica is gone. Every replica refreshes the rows of its running answers
 * every {@code SYNIN_CHAT_PARTIAL_SAVE_INTERVAL}; every few seconds each replica looks for rows that stopped being
 * refreshed and marks them interrupted, with all the text the events in Redis show any subscriber received (without
 * Redis, the last save). Its subscribers elsewhere get their final event, and the conversation takes new messages.
 */
@ApplicationScoped
public class DeadAnswerSweeper {

    static final String REASON = "The Synin replica generating this answer stopped before it ended. What arrived is kept.";

    private final GenerationRegistry registry;
    private final ReplicaBus bus;
    private final ChatConfig config;
    private final Vertx vertx;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private long timer = -1;

    DeadAnswerSweeper(GenerationRegistry registry, ReplicaBus bus, ChatConfig config, Vertx vertx) {
        this.registry = registry;
        this.bus = bus;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        long period = Math.max(500, Math.min(3000, config.assumedDeadAfter().toMillis() / 3));
        timer = vertx.setPeriodic(period, id -> {
            if (sweeping.compareAndSet(false, true)) {
                Infrastructure.getDefaultWorkerPool().execute(this::sweep);
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    void sweep() {
        try {
            Instant staleBefore = Instant.now().minus(config.assumedDeadAfter());
            Set<UUID> mine = registry.running().stream().map(Generation::answerId).collect(Collectors.toSet());
            List<Message> dead = QuarkusTransaction.requiringNew().call(() -> Message.<Message> list(
                    "status = ?1 and updatedAt < ?2", MessageStatus.STREAMING, staleBefore));
            for (Message answer : dead) {
                if (!mine.contains(answer.id)) {
                    bury(answer);
                }
            }
        } catch (RuntimeException e) {
            Log.debugf("Looking for answers of replicas that died failed: %s", e.getMessage());
        } finally {
            sweeping.set(false);
        }
    }

    private void bury(Message answer) {
        ReplicaBus.Relayed relayed = bus.relayed(answer.id).orElse(null);
        int marked = QuarkusTransaction.requiringNew().call(() -> {
            if (relayed != null && relayed.content().length() >= answer.content.length()) {
                Message.update("content = ?1, reasoning = ?2 where id = ?3 and status = ?4", relayed.content(),
                        relayed.reasoning().isEmpty() ? null : relayed.reasoning(), answer.id, MessageStatus.STREAMING);
            }
            return Message.markInterrupted(answer.id, REASON);
        });
        if (marked > 0) {
            Log.infof("Answer %s of conversation %s was left streaming by a replica that is gone; marked interrupted", answer.id,
                    answer.conversationId);
            bus.closeOrphan(answer.id, relayed == null ? 0 : relayed.lastSeq(), REASON);
        }
    }
}
