package dev.synin.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.synin.limits.GenerationSlot;
import dev.synin.lmstudio.LmStudioClient;
import dev.synin.lmstudio.LmStudioConfig;
import dev.synin.lmstudio.UpstreamErrors;
import dev.synin.ops.ChatMetrics;
import dev.synin.ops.RequestCorrelation;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;

/** What every {@link AnswerRelay} needs, in one bean; one relay is made per streaming request. */
@ApplicationScoped
public class AnswerRelays {

    private final LmStudioClient client;
    private final LmStudioConfig config;
    private final UpstreamErrors errors;
    private final ChatService chat;
    private final GenerationRegistry registry;
    private final SseEvents events;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final TurnPlanner planner;
    private final ChatMetrics metrics;
    private final ChatConfig chatConfig;

    AnswerRelays(LmStudioClient client, LmStudioConfig config, UpstreamErrors errors, ChatService chat,
            GenerationRegistry registry, SseEvents events, ObjectMapper json, Vertx vertx, TurnPlanner planner, ChatMetrics metrics, ChatConfig chatConfig) {
        this.client = client;
        this.config = config;
        this.errors = errors;
        this.chat = chat;
        this.registry = registry;
        this.events = events;
        this.json = json;
        this.vertx = vertx;
        this.planner = planner;
        this.metrics = metrics;
        this.chatConfig = chatConfig;
    }

    Multi<OutboundSseEvent> relay(PreparedTurn turn, Sse sse, GenerationSlot slot) {
        return new AnswerRelay(turn, this, sse, slot, RequestCorrelation.current()).events();
    }

    LmStudioClient client() { return client; }
    LmStudioConfig config() { return config; }
    UpstreamErrors errors() { return errors; }
    ChatService chat() { return chat; }
    GenerationRegistry registry() { return registry; }
    SseEvents events() { return events; }
    ObjectMapper json() { return json; }
    Vertx vertx() { return vertx; }
    TurnPlanner planner() { return planner; }
    ChatMetrics metrics() { return metrics; }
    ChatConfig chatConfig() { return chatConfig; }
}
