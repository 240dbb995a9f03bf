package dev.synin.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-user limits (per client address when there are no accounts).
 * Env: {@code SYNIN_RATE_LIMIT_ENABLED}, {@code SYNIN_RATE_LIMIT_STORE}, {@code SYNIN_RATE_LIMIT_CHATS_PER_MINUTE},
 * {@code SYNIN_RATE_LIMIT_CONCURRENT_GENERATIONS}.
 */
@ConfigMapping(prefix = "synin.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /**
     * {@code memory}: counters in this process (one replica). {@code redis}: counters in Redis
     * ({@code QUARKUS_REDIS_HOSTS}), shared by every replica.
     */
    @WithDefault("memory")
    Store store();

    /** Chat requests (streaming or not) one user may start per minute. */
    @WithDefault("30")
    int chatsPerMinute();

    /** Answers one user may have generating at the same time. */
    @WithDefault("3")
    int concurrentGenerations();

    enum Store {
        memory, redis
    }
}
