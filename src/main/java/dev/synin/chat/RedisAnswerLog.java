package dev.synin.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The copy of every answer event in Redis, one stream per answer ({@code synin:answer:<id>}, entry id
 * {@code <seq>-0}, fields {@code n} name and {@code d} data): what subscribers on other replicas read, and what a
 * replica recovers an answer's text from when the one generating it died. Events are written on one connection, so
 * they arrive in order, and pipelined: all the events of one event-loop turn go in one write, and nobody waits for
 * Redis to answer.
 */
final class RedisAnswerLog {

    static final String PREFIX = "synin:answer:";
    /** How long an answer's stream outlives a replica that never ended it (it died). */
    private static final String ORPHAN_TTL_SECONDS = "86400";
    /** How long an ended answer's stream stays for late subscribers and the sweeper. */
    private static final String ENDED_TTL_SECONDS = "300";

    private final Redis redis;
    private final Vertx vertx;
    /** A command to send, and who waits for Redis to have it ({@code null}: nobody). */
    private record Pending(Request request, Promise<Void> written) {
    }

    /** How long a local subscriber waits for Redis before it is sent an event anyway. */
    private static final long WAIT_FOR_REDIS_MS = 200;

    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    /** The connection events are written on, and whether it was given back (a pooled one may be given back once). */
    private record Link(Future<RedisConnection> connection, AtomicBoolean closed) {
        void close() {
            if (closed.compareAndSet(false, true)) {
                connection.onSuccess(RedisConnection::close);
            }
        }
    }

    private volatile Link connection;
    private volatile boolean warned;

    RedisAnswerLog(Redis redis, Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
    }

    static String key(UUID answerId) {
        return PREFIX + answerId;
    }

    /**
     * Copies the event to Redis; completes once Redis has it (or has failed, or after {@value #WAIT_FOR_REDIS_MS} ms):
     * until then the event is sent to no subscriber, so a replica killed at any moment never showed a subscriber text
     * that the copy in Redis lacks.
     */
    Future<Void> append(UUID answerId, AnswerFrames.Frame frame) {
        String key = key(answerId);
        Promise<Void> written = Promise.promise();
        pending.add(new Pending(Request.cmd(Command.XADD).arg(key).arg(frame.seq() + "-0").arg("n").arg(frame.name())
                .arg("d").arg(frame.data()), written));
        if (frame.seq() == 1) {
            pending.add(new Pending(Request.cmd(Command.EXPIRE).arg(key).arg(ORPHAN_TTL_SECONDS), null));
        }
        scheduleFlush();
        return written.future();
    }

    void ended(UUID answerId) {
        pending.add(new Pending(Request.cmd(Command.EXPIRE).arg(key(answerId)).arg(ENDED_TTL_SECONDS), null));
        scheduleFlush();
    }

    private void scheduleFlush() {
        if (flushScheduled.compareAndSet(false, true)) {
            vertx.runOnContext(ignored -> flush());
        }
    }

    private void flush() {
        flushScheduled.set(false);
        List<Request> batch = new ArrayList<>();
        List<Promise<Void>> waiting = new ArrayList<>();
        for (Pending next; (next = pending.poll()) != null;) {
            batch.add(next.request());
            if (next.written() != null) {
                waiting.add(next.written());
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        Runnable release = () -> waiting.forEach(Promise::tryComplete);
        Link used = connection();
        long timer = vertx.setTimer(WAIT_FOR_REDIS_MS, id -> {
            release.run();
            // A connection that takes this long is stuck (an overloaded pipeline): start over on a new one. Several
            // batches may be stuck on it; it is given back to the pool once.
            lost(new java.util.concurrent.TimeoutException("Redis did not answer within " + WAIT_FOR_REDIS_MS + " ms"));
            used.close();
        });
        used.connection().compose(open -> open.batch(batch)).onFailure(this::lost).onComplete(done -> {
            vertx.cancelTimer(timer);
            release.run();
        });
    }

    private Link connection() {
        Link current = connection;
        if (current == null || current.connection().failed() || current.closed().get()) {
            Link opened = new Link(redis.connect(), new AtomicBoolean());
            opened.connection().onSuccess(open -> {
                warned = false;
                open.exceptionHandler(this::lost);
                open.endHandler(ignored -> {
                    if (connection == opened) {
                        connection = null;
                    }
                });
            });
            connection = opened;
            current = opened;
        }
        return current;
    }

    private void lost(Throwable failure) {
        connection = null;
        if (!warned) {
            warned = true;
            Log.warnf("Could not copy answer events to Redis (%s): other replicas' subscribers miss them until it is back; "
                    + "the answers themselves are unaffected", failure.getMessage());
        }
    }

    /** Every event of an answer, in order (blocking; for the sweeper). */
    List<Response> read(UUID answerId) {
        Response entries = redis.send(Request.cmd(Command.XRANGE).arg(key(answerId)).arg("-").arg("+"))
                .toCompletionStage().toCompletableFuture().join();
        List<Response> all = new ArrayList<>();
        if (entries != null) {
            entries.forEach(all::add);
        }
        return all;
    }
}
