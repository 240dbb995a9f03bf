package dev.synin.chat;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;

import org.jboss.resteasy.reactive.RestMulti;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import dev.synin.limits.GenerationSlot;
import dev.synin.limits.RateLimiter;
import dev.synin.lmstudio.LmStudioConfig;
import dev.synin.security.AuthConfig;
import dev.synin.security.CurrentOwner;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /api/chat/stream} (Server-Sent Events) and {@code POST /api/chat} (the whole answer): both store the
 * question, start a {@link Generation} and follow it. The stream is one subscriber among others; leaving it does not
 * stop the answer. A client of the whole answer that hangs up does.
 */
@Path("/api/chat")
public class ChatResource {


    private final ChatRequestValidator validator;
    private final ChatService chat;
    private final Generations generations;
    private final WholeAnswers wholeAnswers;
    private final CurrentOwner owner;
    private final RateLimiter limiter;
    private final GenerationRegistry registry;
    private final LmStudioConfig lmStudio;
    private final AuthConfig auth;

    ChatResource(ChatRequestValidator validator, ChatService chat, Generations generations, WholeAnswers wholeAnswers,
            CurrentOwner owner, RateLimiter limiter, GenerationRegistry registry, LmStudioConfig lmStudio, AuthConfig auth) {
        this.validator = validator;
        this.chat = chat;
        this.generations = generations;
        this.wholeAnswers = wholeAnswers;
        this.owner = owner;
        this.limiter = limiter;
        this.registry = registry;
        this.lmStudio = lmStudio;
        this.auth = auth;
    }

    /** The whole answer as one JSON document (see {@link WholeAnswers} for how a client that hangs up is noticed). */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<byte[]> complete(ChatRequest request, @Context HttpServerRequest http) {
        Generation generation = begin(request, http, false);
        // A write to a connection the client closed fails, and Vert.x then closes it: either way the answer stops.
        http.connection().closeHandler(closed -> generation.interrupt(WholeAnswers.HUNG_UP));
        return RestMulti.fromMultiData(wholeAnswers.of(generation)).encodeAsJsonArray(false).build();
    }

    /** Validation and the stored question happen before the stream starts; errors after that arrive as events. */
    @POST
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> stream(ChatRequest request, @Context HttpServerRequest http) {
        return begin(request, http, true).follow(0);
    }

    /**
     * Reads the turn, asks the upstream at once and stores the question while the server reads the prompt: the
     * database's time is not added to the first token's. A failure to store closes the upstream and is the answer.
     */
    private Generation begin(ChatRequest request, HttpServerRequest http, boolean followed) {
        validator.validate(request);
        GenerationSlot slot = admit(http);
        TurnDraft draft;
        try {
            draft = chat.readTurn(owner.id(), request);
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
        // A new conversation's first question, for the title the model may write once the answer is stored.
        String firstQuestion = !draft.newConversation() ? null : request.messages().stream()
                .filter(m -> "user".equalsIgnoreCase(m.role().strip())).map(ChatRequest.MessageInput::content).findFirst().orElse(null);
        Generation generation = generations.start(draft.turn(), slot, followed, firstQuestion);
        try {
            chat.storeTurn(owner.id(), request, draft);
        } catch (RuntimeException e) {
            generations.abort(generation);
            throw e;
        }
        generations.stored(generation);
        return generation;
    }

    /** Shutdown first, then rate limits per user (per client address without accounts), then this replica's bulkhead. */
    private GenerationSlot admit(HttpServerRequest http) {
        if (registry.isShuttingDown()) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Synin is restarting; try again in a few seconds.");
        }
        String key = !auth.enabled() ? "ip:" + (http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress())
                : owner.id();
        GenerationSlot slot = limiter.admitChat(key);
        if (registry.count() >= lmStudio.maxConcurrentGenerations()) {
            slot.release();
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Synin is already generating " + registry.count()
                    + " answers (LM_STUDIO_MAX_CONCURRENT_GENERATIONS); try again in a few seconds.");
        }
        return slot;
    }
}
