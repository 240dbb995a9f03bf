package dev.synin.limits;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.synin.ops.ChatMetrics;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Decides whether a user may start another chat. If the shared store is unreachable, requests are let through
 * (and the log says so once): a broken limiter must not take the chat down with it.
 */
@ApplicationScoped
public class RateLimiter {

    private final RateLimitConfig config;
    private final ChatMetrics metrics;
    private final LimitCounters counters;
    private final AtomicBoolean storeDownLogged = new AtomicBoolean();

    RateLimiter(RateLimitConfig config, ChatMetrics metrics, Instance<RedisDataSource> redis) {
        this.config = config;
        this.metrics = metrics;
        this.counters = config.store() == RateLimitConfig.Store.redis ? new RedisCounters(redis.get()) : new MemoryCounters();
    }

    /**
     * Counts a chat and takes a generation slot for {@code key}.
     *
     * @throws RateLimitedException when a limit is reached; nothing is taken then
     */
    public GenerationSlot admitChat(String key) {
        if (!config.enabled()) {
            return GenerationSlot.NONE;
        }
        long now = Instant.now().getEpochSecond();
        long minute = now / 60;
        try {
            if (counters.hitThisMinute("chat:" + key, minute) > config.chatsPerMinute()) {
                metrics.rateLimited("chats_per_minute");
                throw new RateLimitedException("Too many chats: at most " + config.chatsPerMinute() + " a minute.", 60 - now % 60);
            }
            if (counters.acquire(key) > config.concurrentGenerations()) {
                counters.release(key);
                metrics.rateLimited("concurrent_generations");
                throw new RateLimitedException("Too many answers at once: at most " + config.concurrentGenerations()
                        + " at a time. Wait for one to finish or stop it.", 5);
            }
            storeDownLogged.set(false);
            return new GenerationSlot(() -> release(key), () -> refund(key, minute));
        } catch (RateLimitedException e) {
            throw e;
        } catch (RuntimeException storeDown) {
            if (storeDownLogged.compareAndSet(false, true)) {
                Log.warnf("Rate-limit store unavailable (%s); letting requests through until it is back.", storeDown.getMessage());
            }
            return GenerationSlot.NONE;
        }
    }

    /** Takes back a chat counted in {@code minute}: see {@link GenerationSlot#refund()}. */
    private void refund(String key, long minute) {
        try {
            counters.unhit("chat:" + key, minute);
            metrics.rateLimitRefunded();
        } catch (RuntimeException storeDown) {
            Log.debugf("Could not give a chat back to the rate limit: %s", storeDown.getMessage());
        }
    }

    private void release(String key) {
        try {
            counters.release(key);
        } catch (RuntimeException storeDown) {
            Log.debugf("Could not release a generation slot: %s", storeDown.getMessage());
        }
    }
}
