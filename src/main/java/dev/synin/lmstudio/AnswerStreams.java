package dev.synin.lmstudio;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.synin.lmstudio.dto.ChatCompletionRequest;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Opens streaming answers and polices their idle gaps with one timer for the whole replica, instead of a timer per
 * stream re-armed on every chunk: comparing one timestamp per open answer about once a second costs nothing on the
 * per-chunk path. Checks four times per {@code LM_STUDIO_IDLE_TIMEOUT} (at most once a second).
 */
@ApplicationScoped
public class AnswerStreams {

    private static final long LINGER_AFTER_DONE_MS = 2000;

    private final LmStudioClient client;
    private final UpstreamErrors errors;
    private final ObjectMapper json;
    private final LmStudioConfig config;
    private final Vertx vertx;
    private final Set<UpstreamAnswer> open = ConcurrentHashMap.newKeySet();
    private long timer = -1;

    AnswerStreams(LmStudioClient client, UpstreamErrors errors, ObjectMapper json, LmStudioConfig config, Vertx vertx) {
        this.client = client;
        this.errors = errors;
        this.json = json;
        this.config = config;
        this.vertx = vertx;
    }

    /** Starts asking for the answer; every piece and the ending go to {@code listener}. */
    public UpstreamAnswer open(ChatCompletionRequest request, AnswerListener listener) {
        UpstreamAnswer answer = new UpstreamAnswer(listener, new AnswerDecoder(json), this);
        open.add(answer);
        answer.start(client.openStream(request));
        return answer;
    }

    void start(@Observes StartupEvent event) {
        long idleNanos = config.idleTimeout().toNanos();
        String idleText = "LM Studio went quiet for " + config.idleTimeout().toSeconds() + " s in the middle of the answer.";
        long period = Math.max(50, Math.min(1000, config.idleTimeout().toMillis() / 4));
        timer = vertx.setPeriodic(period, id -> {
            long now = System.nanoTime();
            for (UpstreamAnswer answer : open) {
                answer.checkIdle(now, idleNanos, idleText);
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    UpstreamErrors errors() {
        return errors;
    }

    void forget(UpstreamAnswer answer) {
        open.remove(answer);
    }

    void later(Runnable action) {
        vertx.setTimer(LINGER_AFTER_DONE_MS, id -> action.run());
    }
}
