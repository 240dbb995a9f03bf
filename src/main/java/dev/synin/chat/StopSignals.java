package dev.synin.chat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import dev.synin.ops.DirectConnections;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Stop pressed on one replica reaches the replica that runs the generation, through PostgreSQL's LISTEN/NOTIFY:
 * every replica already shares the database, so no other broker is needed. Each replica keeps one connection of
 * its own listening (outside the pool, which it would otherwise hold forever) and reconnects if it drops. A
 * notification sent while a listener was away is lost, which is why Stop first marks the answer in its row
 * ({@link ChatService#requestStop}): the listener reads the marks when it is back, and every partial save reads them.
 */
@ApplicationScoped
public class StopSignals {


    static final String CHANNEL = "synin_stop";

    private final GenerationRegistry registry;
    private final DataSource dataSource;
    private final DirectConnections connections;
    private final PartialAnswerFlusher flusher;
    private volatile boolean running;
    private Thread listener;

    StopSignals(GenerationRegistry registry, DataSource dataSource, DirectConnections connections, PartialAnswerFlusher flusher) {
        this.flusher = flusher;
        this.registry = registry;
        this.dataSource = dataSource;
        this.connections = connections;
    }

    /**
     * Asks every replica to stop the generation of this conversation (the one running it will) at once. If this fails,
     * the mark in the answer's row still reaches it at its next save.
     */
    public void broadcastStop(UUID conversationId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, conversationId.toString());
            notify.execute();
        } catch (SQLException e) {
            Log.warnf("Could not signal Stop to the other replicas at once (%s); it reaches them at their next save", e.getMessage());
        }
    }

    void start(@Observes StartupEvent event) {
        running = true;
        listener = new Thread(this::listen, "synin-stop-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        long backoffMs = 500;
        while (running) {
            try (Connection connection = connections.open()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                backoffMs = 500;
                flusher.flushNow(); // Stops marked while this listener was away
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(1000);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            stopLocally(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    Log.debugf("Stop listener lost PostgreSQL (%s); reconnecting in %d ms", e.getMessage(), backoffMs);
                    sleep(backoffMs);
                    backoffMs = Math.min(backoffMs * 2, 2_000);
                }
            }
        }
    }

    private void stopLocally(String conversationId) {
        try {
            if (registry.stop(UUID.fromString(conversationId))) {
                Log.infof("Stopped conversation %s on a signal from another replica", conversationId);
            }
        } catch (IllegalArgumentException notAnId) {
            Log.debugf("Ignoring stop signal %s", conversationId);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
