package dev.synin.chat;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;

import dev.synin.conversation.ConversationService;
import dev.synin.conversation.MessageView;
import dev.synin.security.CurrentOwner;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

/**
 * The answer of a conversation as it is generated: follow it from any tab and any replica, or stop it. Ownership is
 * checked as for the conversation itself (another owner gets 404), before anything about the answer is revealed.
 */
@Path("/api/conversations")
@Blocking
public class RunningAnswerResource {

    private final ConversationService conversations;
    private final GenerationRegistry registry;
    private final ReplicaBus bus;
    private final StoredAnswerStream stored;
    private final AnswerStopper stopper;
    private final CurrentOwner owner;

    RunningAnswerResource(ConversationService conversations, GenerationRegistry registry, ReplicaBus bus, StoredAnswerStream stored,
            AnswerStopper stopper, CurrentOwner owner) {
        this.conversations = conversations;
        this.registry = registry;
        this.bus = bus;
        this.stored = stored;
        this.stopper = stopper;
        this.owner = owner;
    }

    /**
     * The conversation's newest answer: what the subscriber missed after {@code Last-Event-ID} (or {@code ?after=}),
     * then live until it ends. If nothing is being generated it answers at once with the stored answer.
     */
    @GET
    @Path("/{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> follow(@PathParam("id") UUID id, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("after") String after) {
        ResumePoint from = ResumePoint.parse(lastEventId != null && !lastEventId.isBlank() ? lastEventId : after);
        Optional<MessageView> latest = conversations.latestAnswer(owner.id(), id);
        Optional<Generation> here = registry.find(id)
                .filter(g -> latest.map(answer -> answer.id().equals(g.answerId())).orElse(true));
        if (here.isPresent()) {
            return here.get().follow(from.after(here.get().answerId()));
        }
        if (latest.isEmpty()) {
            return Multi.createFrom().empty();
        }
        MessageView answer = latest.get();
        if (!"streaming".equals(answer.status())) {
            return stored.ended(id, answer);
        }
        return bus.follow(answer.id(), from.after(answer.id())).orElseGet(() -> stored.polled(owner.id(), id, answer));
    }

    /** Stops the answer being generated, on this replica or on whichever runs it. */
    @POST
    @Path("/{id}/stop")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Boolean> stop(@PathParam("id") UUID id) {
        conversations.requireOwned(owner.id(), id);
        return Map.of("stopped", stopper.stop(id));
    }
}
