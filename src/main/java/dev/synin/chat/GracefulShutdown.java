package dev.synin.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * On SIGTERM: new chats get 503 with Retry-After at once (see {@link ChatResource}), running answers get
 * {@code SYNIN_SHUTDOWN_GRACE} to finish, and shortly before the grace ends every answer still running is ended as
 * interrupted, so that its subscribers get a final event while their connections are still open. Shutdown then waits
 * until each is stored before the database goes away: nothing that reached Synin is lost when a pod is replaced.
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final long STORE_WAIT_SECONDS = 20;
    /** Time left before the end of the grace to end the answers and send their final events. */
    private static final Duration FINAL_EVENTS_MARGIN = Duration.ofMillis(700);

    private final GenerationRegistry registry;
    private final Vertx vertx;
    private final Duration grace;
    private Thread shutdownFlag;

    GracefulShutdown(GenerationRegistry registry, Vertx vertx, @ConfigProperty(name = "synin.shutdown-grace") Duration grace) {
        this.registry = registry;
        this.vertx = vertx;
        this.grace = grace;
    }

    /**
     * Notes SIGTERM the moment it arrives (a JVM shutdown hook runs at once, before Quarkus's graceful wait), so new
     * chats are refused and an answer cut by closing connections is stored as interrupted, not as an LM Studio error.
     */
    void onStart(@Observes StartupEvent event) {
        shutdownFlag = new Thread(() -> {
            registry.beginShutdown();
            long delay = Math.max(1, grace.minus(FINAL_EVENTS_MARGIN).toMillis());
            try {
                vertx.setTimer(delay, id -> interruptRunning());
            } catch (IllegalStateException | java.util.concurrent.RejectedExecutionException closed) {
                // Vert.x is already closed (the JVM exits without a graceful stop): onStop has stored everything.
            }
        }, "synin-shutdown-flag");
        Runtime.getRuntime().addShutdownHook(shutdownFlag);
    }

    /** A stop without SIGTERM (tests restart the application in one JVM): this instance's hook must not outlive it. */
    private void removeShutdownFlag() {
        if (shutdownFlag == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownFlag);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The JVM is exiting: the hook has run or is running.
        }
    }

    private void interruptRunning() {
        List<Generation> running = registry.running();
        if (!running.isEmpty()) {
            Log.infof("Shutting down: storing %d answer(s) still in progress", running.size());
            running.forEach(generation -> generation.interrupt(Generation.SHUTDOWN_REASON));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        removeShutdownFlag();
        registry.beginShutdown();
        interruptRunning();
        List<CompletableFuture<?>> pending = registry.pendingStores();
        if (pending.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(STORE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            Log.warnf("Some answers were still being stored after %d s", STORE_WAIT_SECONDS);
        } catch (Exception e) {
            Log.warnf("Waiting for answers to be stored failed: %s", e.toString());
        }
    }
}
