package dev.synin.chat;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import dev.synin.limits.GenerationSlot;
import dev.synin.limits.RateLimiter;
import dev.synin.lmstudio.LmStudioConfig;
import dev.synin.security.CurrentOwner;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;

/** {@code POST /api/chat} (whole answer) and {@code POST /api/chat/stream} (Server-Sent Events). */
@Path("/api/chat")
public class ChatResource {

    private final ChatRequestValidator validator;
    private final ChatService chat;
    private final AnswerRelays relays;
    private final BlockingChat blockingChat;
    private final CurrentOwner owner;
    private final RateLimiter limiter;
    private final GenerationRegistry generations;
    private final LmStudioConfig lmStudio;
    private final String authMode;

    ChatResource(ChatRequestValidator validator, ChatService chat, AnswerRelays relays, BlockingChat blockingChat, CurrentOwner owner,
            RateLimiter limiter, GenerationRegistry generations, LmStudioConfig lmStudio,
            @ConfigProperty(name = "synin.auth.mode", defaultValue = "none") String authMode) {
        this.validator = validator;
        this.chat = chat;
        this.relays = relays;
        this.blockingChat = blockingChat;
        this.owner = owner;
        this.limiter = limiter;
        this.generations = generations;
        this.lmStudio = lmStudio;
        this.authMode = authMode;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public ChatResponse complete(ChatRequest request, @Context HttpServerRequest http) {
        validator.validate(request);
        GenerationSlot slot = admit(http);
        try {
            return blockingChat.answer(chat.beginTurn(owner.id(), request));
        } finally {
            slot.release();
        }
    }

    /** Validation and the stored user message happen before the stream starts; errors after that arrive as events. */
    @POST
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> stream(ChatRequest request, @Context Sse sse, @Context HttpServerRequest http) {
        validator.validate(request);
        GenerationSlot slot = admit(http);
        try {
            return relays.relay(chat.beginTurn(owner.id(), request), sse, slot);
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
    }

    /** Rate limits per user (per client address without accounts), then this replica's bulkhead. */
    private GenerationSlot admit(HttpServerRequest http) {
        String key = "none".equals(authMode) ? "ip:" + (http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress())
                : owner.id();
        GenerationSlot slot = limiter.admitChat(key);
        if (generations.count() >= lmStudio.maxConcurrentGenerations()) {
            slot.release();
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Synin is already generating " + generations.count()
                    + " answers (LM_STUDIO_MAX_CONCURRENT_GENERATIONS); try again in a few seconds.");
        }
        return slot;
    }
}
