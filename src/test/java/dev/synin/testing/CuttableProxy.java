package dev.synin.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A TCP proxy in front of a real server (PostgreSQL here) whose cable a test can pull and plug back in:
 * {@link #cut()} drops every connection and refuses new ones, as a crashed or failing-over database does.
 */
public final class CuttableProxy {

    private final Vertx vertx = Vertx.vertx();
    private final String targetHost;
    private final int targetPort;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private NetServer server;
    private NetClient client;

    public CuttableProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public CuttableProxy start() {
        client = vertx.createNetClient();
        try {
            server = vertx.createNetServer().connectHandler(this::accept).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    private void accept(NetSocket incoming) {
        if (cut) {
            incoming.close();
            return;
        }
        incoming.pause();
        client.connect(targetPort, targetHost).onFailure(e -> incoming.close()).onSuccess(outgoing -> {
            sockets.add(incoming);
            sockets.add(outgoing);
            incoming.handler(outgoing::write);
            outgoing.handler(incoming::write);
            incoming.closeHandler(v -> {
                outgoing.close();
                sockets.remove(incoming);
            });
            outgoing.closeHandler(v -> {
                incoming.close();
                sockets.remove(outgoing);
            });
            incoming.resume();
        });
    }

    public void cut() {
        cut = true;
        sockets.forEach(NetSocket::close);
    }

    public void restore() {
        cut = false;
    }

    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
