package dev.synin.chat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** The answers this process is generating right now, by conversation, so that Stop and shutdown can reach them. */
@ApplicationScoped
public class GenerationRegistry {

    /** A generation that can be ended from outside. */
    public interface Running {
        /** The user pressed Stop. */
        void stop();

        /** Synin is shutting down: end the answer now and store what has arrived. */
        void interrupt();

        /** Ends the answer if the server has been silent for longer than the idle timeout. */
        default void checkIdle(long nowNanos) {
        }

        /** The text so far of a streamed answer, or {@code null} when there is nothing to flush. */
        default PartialAnswer partial() {
            return null;
        }
    }

    /** What an answer still streaming has produced so far. */
    public record PartialAnswer(UUID messageId, String content, String reasoning) {
    }

    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    /** Answers that have ended but are still being written to the database. */
    private final Set<CompletableFuture<Void>> storing = ConcurrentHashMap.newKeySet();

    void register(UUID conversationId, Running generation) {
        running.put(conversationId, generation);
    }

    void remove(UUID conversationId, Running generation) {
        running.remove(conversationId, generation);
    }

    /** @return whether a generation of this process was stopped */
    public boolean stop(UUID conversationId) {
        Running generation = running.get(conversationId);
        if (generation == null) {
            return false;
        }
        generation.stop();
        return true;
    }

    private volatile boolean shuttingDown;

    /** SIGTERM received: answers that end from now on end because Synin stops, whatever error that causes. */
    void beginShutdown() {
        shuttingDown = true;
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    public int count() {
        return running.size();
    }

    public List<Running> all() {
        return List.copyOf(running.values());
    }

    void storing(CompletableFuture<Void> store) {
        storing.add(store);
        store.whenComplete((ignored, failure) -> storing.remove(store));
    }

    /** Writes still in flight, which shutdown must wait for before the database is closed. */
    public List<CompletableFuture<Void>> pendingStores() {
        return List.copyOf(storing);
    }
}
