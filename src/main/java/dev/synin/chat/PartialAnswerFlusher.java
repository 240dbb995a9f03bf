package dev.synin.chat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * Every {@code SYNIN_CHAT_PARTIAL_SAVE_INTERVAL}, writes the text so far of every answer this replica is streaming,
 * in one JDBC batch: a reload served by another replica shows it, and the refreshed {@code updated_at} tells the
 * other replicas this one is alive ({@link DeadAnswerSweeper}). The same round trip reads back which of them were
 * stopped or deleted meanwhile, so a Stop whose notification was lost still arrives. One timer and two statements per
 * interval, whatever the number of streams, and never a write per token.
 */
@ApplicationScoped
public class PartialAnswerFlusher {

    private static final String UPDATE = "UPDATE message SET content = ?, reasoning = ?, updated_at = ? "
            + "WHERE id = ? AND status = 'STREAMING'";
    private static final String STILL_WANTED = "SELECT id FROM message WHERE id = ANY(?) AND NOT stop_requested";

    private final GenerationRegistry registry;
    private final DataSource dataSource;
    private final ChatConfig config;
    private final Vertx vertx;
    private final AtomicBoolean flushing = new AtomicBoolean();
    private long timer = -1;

    PartialAnswerFlusher(GenerationRegistry registry, DataSource dataSource, ChatConfig config, Vertx vertx) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.partialSaveInterval().toMillis(), id -> {
            // Skip a beat rather than queue flushes behind a slow database.
            if (registry.count() > 0 && flushing.compareAndSet(false, true)) {
                Infrastructure.getDefaultWorkerPool().execute(this::flush);
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Stops the answers that were stopped on another replica or whose conversation was deleted or cleared. */
    private static void stopUnwanted(Connection connection, List<Generation> running) throws SQLException {
        Set<UUID> wanted = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(STILL_WANTED)) {
            query.setArray(1, connection.createArrayOf("uuid", running.stream().map(Generation::answerId).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    wanted.add(rows.getObject(1, UUID.class));
                }
            }
        }
        for (Generation generation : running) {
            if (!wanted.contains(generation.answerId()) && !generation.isEnded() && generation.isStored()) {
                Log.infof("Answer %s was stopped or deleted elsewhere; stopping it", generation.answerId());
                generation.stop();
            }
        }
    }

    /** Saves and checks for Stop now, unless a save is already running (the listener came back after a gap). */
    void flushNow() {
        if (registry.count() > 0 && flushing.compareAndSet(false, true)) {
            flush();
        }
    }

    void flush() {
        try {
            List<Generation> running = registry.running();
            List<GenerationRegistry.PartialAnswer> partials = running.stream()
                    .map(Generation::partial).filter(Objects::nonNull).toList();
            if (partials.isEmpty()) {
                return;
            }
            Timestamp now = Timestamp.from(Instant.now());
            try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(UPDATE)) {
                for (GenerationRegistry.PartialAnswer partial : partials) {
                    update.setString(1, partial.content());
                    update.setString(2, partial.reasoning().isEmpty() ? null : partial.reasoning());
                    update.setTimestamp(3, now);
                    update.setObject(4, partial.messageId());
                    update.addBatch();
                }
                update.executeBatch();
                stopUnwanted(connection, running);
            }
        } catch (SQLException | RuntimeException e) {
            Log.debugf("Could not save partial answers: %s", e.getMessage());
        } finally {
            flushing.set(false);
        }
    }
}
