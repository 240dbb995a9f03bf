package dev.synin.chat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Carries live answers between replicas through Redis, the engine the replicas already share for rate limits:
 * every event of an answer generated here is copied to its stream, and a subscriber here can follow an answer
 * generated elsewhere, token by token. With one replica and no Redis, everything here is a no-op: nothing to set.
 */
@ApplicationScoped
public class ReplicaBus {

    /** The text an answer had reached according to its events in Redis. */
    record Relayed(String content, String reasoning, long lastSeq) {
    }

    private final Redis redis;
    private final Vertx vertx;
    private final AnswerFrames frames;
    private final ReplicaConfig config;
    private final ObjectMapper json;
    private volatile RedisAnswerLog log;
    private volatile RedisFollowers followers;
    /** Whether another replica shares this Redis: only then does a subscriber here wait for an event's copy. */
    private volatile boolean othersPresent;
    private final String replicaId = java.util.UUID.randomUUID().toString();
    private long presenceTimer = -1;

    private static final String REPLICAS = "synin:replicas";
    private static final long PRESENCE_EVERY_MS = 2000;

    ReplicaBus(Redis redis, Vertx vertx, AnswerFrames frames, ReplicaConfig config, ObjectMapper json) {
        this.json = json;
        this.redis = redis;
        this.vertx = vertx;
        this.frames = frames;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (config.bus() == ReplicaConfig.Bus.LOCAL) {
            Log.info("Replica bus: off (SYNIN_REPLICAS_BUS=local); answers are followed live on this replica only");
            return;
        }
        try {
            redis.send(Request.cmd(Command.PING)).toCompletionStage().toCompletableFuture().get(2, java.util.concurrent.TimeUnit.SECONDS);
            log = new RedisAnswerLog(redis, vertx);
            followers = new RedisFollowers(redis, vertx, frames);
            announcePresence();
            presenceTimer = vertx.setPeriodic(PRESENCE_EVERY_MS, id -> announcePresence());
            Log.info("Replica bus: Redis; answers generated on any replica are followed live on every replica");
        } catch (Exception e) {
            String message = "Replica bus: no Redis answered (" + e.getClass().getSimpleName()
                    + "); answers are followed live on this replica only. For several replicas, point QUARKUS_REDIS_HOSTS at a shared Redis.";
            if (config.bus() == ReplicaConfig.Bus.REDIS) {
                Log.error(message);
            } else {
                Log.info(message);
            }
        }
    }

    void stop(@Observes io.quarkus.runtime.ShutdownEvent event) {
        vertx.cancelTimer(presenceTimer);
        if (log != null) {
            redis.send(Request.cmd(Command.ZREM).arg(REPLICAS).arg(replicaId));
        }
    }

    /**
     * Every replica on this Redis keeps its entry in {@code synin:replicas} fresh (score: when it expires); the count
     * of fresh entries says whether this replica is alone, in which case nobody could recover or follow its answers
     * from elsewhere and its subscribers need not wait for the copies.
     */
    private void announcePresence() {
        long now = System.currentTimeMillis();
        redis.batch(List.of(Request.cmd(Command.ZADD).arg(REPLICAS).arg(now + 3 * PRESENCE_EVERY_MS).arg(replicaId),
                Request.cmd(Command.ZREMRANGEBYSCORE).arg(REPLICAS).arg("-inf").arg(now),
                Request.cmd(Command.ZCARD).arg(REPLICAS)))
                .onSuccess(answers -> othersPresent = answers.get(2).toLong() > 1)
                .onFailure(failure -> othersPresent = false);
    }

    /**
     * Copies the event for the other replicas; completes when it may be sent to this replica's subscribers: at once
     * when this replica is alone, else once Redis has the copy.
     */
    java.util.concurrent.CompletionStage<Void> publish(UUID answerId, AnswerFrames.Frame frame) {
        RedisAnswerLog target = log;
        if (target == null) {
            return DELIVER_NOW;
        }
        Future<Void> copied = target.append(answerId, frame);
        return othersPresent ? copied.toCompletionStage() : DELIVER_NOW;
    }

    private static final java.util.concurrent.CompletionStage<Void> DELIVER_NOW = java.util.concurrent.CompletableFuture.completedFuture(null);

    void ended(UUID answerId) {
        RedisAnswerLog target = log;
        if (target != null) {
            target.ended(answerId);
        }
    }

    /** Follows an answer generated on another replica, from after event {@code after}; empty without Redis. */
    Optional<Multi<OutboundSseEvent>> follow(UUID answerId, long after) {
        RedisFollowers here = followers;
        return here == null ? Optional.empty() : Optional.of(here.follow(answerId, after));
    }

    /** Whether a subscriber on another replica follows the answer; {@code false} without Redis or when it is away. */
    Uni<Boolean> watchedElsewhere(UUID answerId) {
        RedisFollowers here = followers;
        if (here == null) {
            return Uni.createFrom().item(false);
        }
        Future<Boolean> watched = here.isWatched(answerId);
        return Uni.createFrom().completionStage(watched.toCompletionStage()).onFailure().recoverWithItem(false);
    }

    /** What the events in Redis say an answer had reached (blocking; for the sweeper of dead replicas' answers). */
    Optional<Relayed> relayed(UUID answerId) {
        RedisAnswerLog source = log;
        if (source == null) {
            return Optional.empty();
        }
        try {
            List<Response> entries = source.read(answerId);
            if (entries.isEmpty()) {
                return Optional.empty();
            }
            StringBuilder content = new StringBuilder();
            StringBuilder reasoning = new StringBuilder();
            long last = 0;
            for (Response entry : entries) {
                last = Long.parseLong(entry.get(0).toString().split("-")[0]);
                String name = RedisFollowers.field(entry.get(1), "n");
                String data = RedisFollowers.field(entry.get(1), "d");
                if (("delta".equals(name) || "reasoning".equals(name)) && data != null) {
                    (name.equals("delta") ? content : reasoning).append(json.readTree(data).path("content").asText());
                }
            }
            return Optional.of(new Relayed(content.toString(), reasoning.toString(), last));
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            Log.warnf("Could not read answer %s from Redis: %s", answerId, e.getMessage());
            return Optional.empty();
        }
    }

    /** Ends the remote subscribers of an answer whose replica died, with the event a local one would have got. */
    void closeOrphan(UUID answerId, long lastSeq, String reason) {
        RedisAnswerLog target = log;
        if (target != null) {
            target.append(answerId, frames.encode(answerId, lastSeq + 1, new AnswerEvent.Done("interrupted", "interrupted", null, null, reason)));
            // (nobody here waits for it: the subscribers are on the other replicas)
            target.ended(answerId);
        }
    }
}
