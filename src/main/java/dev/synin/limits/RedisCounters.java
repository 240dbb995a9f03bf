package dev.synin.limits;

import java.time.Duration;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * Counters in Redis, shared by every replica. Windows expire on their own; a concurrency slot carries a TTL so that
 * a replica that dies mid-answer cannot hold a user's slot forever.
 */
final class RedisCounters implements LimitCounters {

    private static final Duration SLOT_TTL = Duration.ofMinutes(30);

    private final RedisDataSource redis;
    private final ValueCommands<String, Long> values;

    RedisCounters(RedisDataSource redis) {
        this.redis = redis;
        this.values = redis.value(Long.class);
    }

    @Override
    public long hitThisMinute(String key, long epochMinute) {
        String window = "synin:rl:" + key + ":" + epochMinute;
        long count = values.incr(window);
        if (count == 1) {
            redis.key().expire(window, Duration.ofSeconds(61));
        }
        return count;
    }

    @Override
    public void unhit(String key, long epochMinute) {
        String window = "synin:rl:" + key + ":" + epochMinute;
        if (redis.key().exists(window) && values.decr(window) < 0) {
            redis.key().del(window); // it expired between the two calls: never leave a negative count behind
        }
    }

    @Override
    public long acquire(String key) {
        String slot = "synin:gen:" + key;
        long count = values.incr(slot);
        redis.key().expire(slot, SLOT_TTL);
        return count;
    }

    @Override
    public void release(String key) {
        String slot = "synin:gen:" + key;
        if (values.decr(slot) <= 0) {
            redis.key().del(slot);
        }
    }
}
