package dev.synin.chat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The generations of this replica by conversation: those running, and for a short retention those that ended, so a
 * subscriber arriving just after the end still gets the whole answer from memory. Stop, shutdown, the partial saves
 * and the bulkhead find them here.
 */
@ApplicationScoped
public class GenerationRegistry {

    /** What an answer still streaming has produced so far. */
    public record PartialAnswer(UUID messageId, String content, String reasoning) {
    }

    private final Map<UUID, Generation> byConversation = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    /** Answers that have ended but are still being written to the database. */
    private final Set<CompletableFuture<?>> storing = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    void register(Generation generation) {
        running.incrementAndGet();
        byConversation.put(generation.conversationId(), generation);
    }

    /** The generation has ended; it stays findable until {@link #forget}. */
    void ended(Generation generation) {
        running.decrementAndGet();
    }

    void forget(Generation generation) {
        byConversation.remove(generation.conversationId(), generation);
    }

    /** The conversation's generation on this replica, running or recently ended. */
    Optional<Generation> find(UUID conversationId) {
        return Optional.ofNullable(byConversation.get(conversationId));
    }

    /** @return whether a generation of this replica was stopped */
    boolean stop(UUID conversationId) {
        Generation generation = byConversation.get(conversationId);
        if (generation == null || generation.isEnded()) {
            return false;
        }
        generation.stop();
        return true;
    }

    List<Generation> running() {
        return byConversation.values().stream().filter(g -> !g.isEnded()).toList();
    }

    /** Answers this replica is generating right now. */
    public int count() {
        return running.get();
    }

    /** SIGTERM received: answers that end from now on end because Synin stops, whatever error that causes. */
    void beginShutdown() {
        shuttingDown = true;
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    void storing(java.util.concurrent.CompletionStage<?> stage) {
        CompletableFuture<?> store = stage.toCompletableFuture();
        storing.add(store);
        store.whenComplete((ignored, failure) -> storing.remove(store));
    }

    /** Writes still in flight, which shutdown must wait for before the database is closed. */
    List<CompletableFuture<?>> pendingStores() {
        return List.copyOf(storing);
    }
}
