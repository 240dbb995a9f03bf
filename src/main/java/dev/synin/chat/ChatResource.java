package dev.synin.chat;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import dev.synin.security.CurrentOwner;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

/** {@code POST /api/chat} (whole answer) and {@code POST /api/chat/stream} (Server-Sent Events). */
@Path("/api/chat")
public class ChatResource {

    private final ChatRequestValidator validator;
    private final ChatService chat;
    private final AnswerRelays relays;
    private final BlockingChat blockingChat;
    private final CurrentOwner owner;

    ChatResource(ChatRequestValidator validator, ChatService chat, AnswerRelays relays, BlockingChat blockingChat, CurrentOwner owner) {
        this.validator = validator;
        this.chat = chat;
        this.relays = relays;
        this.blockingChat = blockingChat;
        this.owner = owner;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public ChatResponse complete(ChatRequest request) {
        validator.validate(request);
        return blockingChat.answer(chat.beginTurn(owner.id(), request));
    }

    /** Validation and the stored user message happen before the stream starts; errors after that arrive as events. */
    @POST
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> stream(ChatRequest request, @Context Sse sse) {
        validator.validate(request);
        return relays.relay(chat.beginTurn(owner.id(), request), sse);
    }
}
