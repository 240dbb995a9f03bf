package dev.synin.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.synin.lmstudio.LmStudioConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * One timer for the whole replica that ends answers whose server went quiet for longer than
 * {@code LM_STUDIO_IDLE_TIMEOUT}, instead of a timer per stream re-armed on every chunk. Checks four times per
 * timeout (at most once a second), so an idle answer ends within a quarter of the timeout after it expired.
 */
@ApplicationScoped
public class IdleWatchdog {

    private final GenerationRegistry registry;
    private final LmStudioConfig config;
    private final Vertx vertx;
    private long timer = -1;

    IdleWatchdog(GenerationRegistry registry, LmStudioConfig config, Vertx vertx) {
        this.registry = registry;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        long period = Math.max(50, Math.min(1000, config.idleTimeout().toMillis() / 4));
        timer = vertx.setPeriodic(period, id -> {
            long now = System.nanoTime();
            for (GenerationRegistry.Running running : registry.all()) {
                running.checkIdle(now);
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }
}
