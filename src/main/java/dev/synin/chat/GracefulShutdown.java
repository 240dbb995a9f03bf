package dev.synin.chat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * On SIGTERM, Quarkus first refuses new requests and gives running ones {@code SYNIN_SHUTDOWN_GRACE} to finish.
 * Then this ends every answer still streaming as interrupted and waits until each is stored, including those whose
 * browser connection was just closed, before the database goes away: nothing that reached Synin is lost when a pod
 * is replaced.
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final long STORE_WAIT_SECONDS = 20;

    private final GenerationRegistry registry;

    GracefulShutdown(GenerationRegistry registry) {
        this.registry = registry;
    }

    /**
     * Notes SIGTERM the moment it arrives (a JVM shutdown hook runs at once, before Quarkus's graceful wait), so that
     * an answer cut by the closing connections is stored as interrupted, not as an LM Studio error.
     */
    void onStart(@Observes StartupEvent event) {
        Runtime.getRuntime().addShutdownHook(new Thread(registry::beginShutdown, "synin-shutdown-flag"));
    }

    void onStop(@Observes ShutdownEvent event) {
        registry.beginShutdown();
        List<GenerationRegistry.Running> running = registry.all();
        int pending = running.size() + registry.pendingStores().size();
        if (pending == 0) {
            return;
        }
        Log.infof("Shutting down: storing %d answer(s) still in progress", pending);
        running.forEach(GenerationRegistry.Running::interrupt);
        try {
            CompletableFuture.allOf(registry.pendingStores().toArray(CompletableFuture[]::new))
                    .get(STORE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            Log.warnf("Some answers were still being stored after %d s", STORE_WAIT_SECONDS);
        } catch (Exception e) {
            Log.warnf("Waiting for answers to be stored failed: %s", e.toString());
        }
    }
}
