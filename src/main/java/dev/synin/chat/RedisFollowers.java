package dev.synin.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.sse.OutboundSseEvent;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Subscribers of this replica to answers generated on other replicas. One loop on one connection reads every followed
 * answer's stream with a blocking {@code XREAD}, which returns the moment any of them gets an event; each subscriber
 * keeps the number of the last event it was sent, so joining late, catching up and following live are one read.
 * While an answer has subscribers here, {@code synin:watch:<id>} tells the generating replica not to abandon it.
 */
final class RedisFollowers {

    static final String WATCH_PREFIX = "synin:watch:";
    private static final long BLOCK_MS = 100;
    private static final long WATCH_REFRESH_NANOS = 5_000_000_000L;

    /** One subscriber and the last event it was sent. */
    private static final class Follower {
        final MultiEmitter<? super OutboundSseEvent> emitter;
        volatile long lastSeq;

        Follower(MultiEmitter<? super OutboundSseEvent> emitter, long after) {
            this.emitter = emitter;
            this.lastSeq = after;
        }
    }

    private static final class Followed {
        final List<Follower> followers = new CopyOnWriteArrayList<>();
        long watchRefreshedNanos;
    }

    private final Redis redis;
    private final Vertx vertx;
    private final AnswerFrames frames;
    private final Map<UUID, Followed> followed = new ConcurrentHashMap<>();
    private final AtomicBoolean looping = new AtomicBoolean();
    private Future<RedisConnection> connection;

    RedisFollowers(Redis redis, Vertx vertx, AnswerFrames frames) {
        this.redis = redis;
        this.vertx = vertx;
        this.frames = frames;
    }

    Multi<OutboundSseEvent> follow(UUID answerId, long after) {
        return Multi.createFrom().emitter(emitter -> {
            Follower follower = new Follower(emitter, after);
            followed.computeIfAbsent(answerId, id -> new Followed()).followers.add(follower);
            emitter.onTermination(() -> followed.computeIfPresent(answerId, (id, f) -> {
                f.followers.remove(follower);
                return f.followers.isEmpty() ? null : f;
            }));
            if (looping.compareAndSet(false, true)) {
                vertx.runOnContext(ignored -> read());
            }
        });
    }

    /** Whether a subscriber on some replica follows the answer (fails when Redis does not answer). */
    Future<Boolean> isWatched(UUID answerId) {
        return redis.send(Request.cmd(Command.EXISTS).arg(WATCH_PREFIX + answerId))
                .map(exists -> exists != null && exists.toLong() > 0);
    }

    private void read() {
        if (followed.isEmpty()) {
            looping.set(false);
            // A subscriber may have arrived between the check and the flag.
            if (!followed.isEmpty() && looping.compareAndSet(false, true)) {
                read();
            }
            return;
        }
        List<UUID> answers = new ArrayList<>(followed.keySet());
        Request xread = Request.cmd(Command.XREAD).arg("COUNT").arg(1000).arg("BLOCK").arg(BLOCK_MS).arg("STREAMS");
        for (UUID answer : answers) {
            xread.arg(RedisAnswerLog.key(answer));
        }
        for (UUID answer : answers) {
            xread.arg(lowestSeen(answer) + "-0");
        }
        refreshWatches(answers);
        connection().compose(open -> open.send(xread)).onComplete(result -> {
            if (result.succeeded()) {
                dispatch(result.result());
                read();
            } else {
                connection = null;
                Log.debugf("Reading answers from Redis failed (%s); retrying", result.cause().getMessage());
                vertx.setTimer(500, id -> read());
            }
        });
    }

    private long lowestSeen(UUID answer) {
        Followed f = followed.get(answer);
        long lowest = Long.MAX_VALUE;
        if (f != null) {
            for (Follower follower : f.followers) {
                lowest = Math.min(lowest, follower.lastSeq);
            }
        }
        return lowest == Long.MAX_VALUE ? 0 : lowest;
    }

    private void refreshWatches(List<UUID> answers) {
        long now = System.nanoTime();
        List<Request> refreshes = new ArrayList<>();
        for (UUID answer : answers) {
            Followed f = followed.get(answer);
            if (f != null && now - f.watchRefreshedNanos > WATCH_REFRESH_NANOS) {
                f.watchRefreshedNanos = now;
                refreshes.add(Request.cmd(Command.SET).arg(WATCH_PREFIX + answer).arg("1").arg("PX").arg(15_000));
            }
        }
        if (!refreshes.isEmpty()) {
            redis.batch(refreshes);
        }
    }

    /** XREAD's answer: RESP3 a map of key to entries, RESP2 a list of [key, entries] pairs; nil when it timed out. */
    private void dispatch(Response response) {
        if (response == null) {
            return;
        }
        if (!response.getKeys().isEmpty()) {
            for (String key : response.getKeys()) {
                deliver(key, response.get(key));
            }
        } else {
            for (Response pair : response) {
                deliver(pair.get(0).toString(), pair.get(1));
            }
        }
    }

    private void deliver(String key, Response entries) {
        UUID answer = UUID.fromString(key.substring(RedisAnswerLog.PREFIX.length()));
        Followed f = followed.get(answer);
        if (f == null) {
            return;
        }
        for (Response entry : entries) {
            long seq = Long.parseLong(entry.get(0).toString().split("-")[0]);
            Response fields = entry.get(1);
            String name = field(fields, "n");
            String data = field(fields, "d");
            if (name == null || data == null) {
                continue;
            }
            OutboundSseEvent frame = frames.frame(answer, seq, name, data).sse();
            boolean terminal = name.equals("done") || name.equals("error");
            for (Follower follower : f.followers) {
                if (seq > follower.lastSeq) {
                    follower.lastSeq = seq;
                    follower.emitter.emit(frame);
                    if (terminal) {
                        follower.emitter.complete();
                    }
                }
            }
        }
    }

    static String field(Response fields, String name) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if (name.equals(fields.get(i).toString())) {
                return fields.get(i + 1).toString();
            }
        }
        return null;
    }

    private Future<RedisConnection> connection() {
        if (connection == null || connection.failed()) {
            connection = redis.connect();
        }
        return connection;
    }
}
