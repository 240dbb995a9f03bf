package dev.synin.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;

/**
 * On SIGTERM, answers still streaming are ended and stored as interrupted with the text they have, so nothing
 * that reached Synin is lost when a pod is replaced.
 */
@ApplicationScoped
public class GracefulShutdown {

    private final GenerationRegistry registry;

    GracefulShutdown(GenerationRegistry registry) {
        this.registry = registry;
    }

    void onStop(@Observes ShutdownEvent event) {
        var running = registry.all();
        if (!running.isEmpty()) {
            Log.infof("Shutting down: storing %d answer(s) still in progress", running.size());
            running.forEach(GenerationRegistry.Running::interrupt);
        }
    }
}
