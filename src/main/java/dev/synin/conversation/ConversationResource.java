package dev.synin.conversation;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.synin.chat.ChatRequest;
import dev.synin.chat.ChatRequestValidator;
import dev.synin.error.ApiException;
import dev.synin.security.CurrentOwner;
import io.smallrye.common.annotation.Blocking;

/** The owner's conversations: list, read, change settings, delete, clear, export. Stop and follow: chat's RunningAnswerResource. */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ConversationResource {

    static final int MAX_PAGE = 100_000;

    private final ConversationService conversations;
    private final ConversationExporter exporter;
    private final CurrentOwner owner;
    private final ChatRequestValidator validator;

    ConversationResource(ConversationService conversations, ConversationExporter exporter, CurrentOwner owner,
            ChatRequestValidator validator) {
        this.conversations = conversations;
        this.exporter = exporter;
        this.owner = owner;
        this.validator = validator;
    }

    /** Bounded so that page times size always fits an offset (100 000 pages is far beyond any history). */
    @GET
    public ConversationViews.Page list(
            @QueryParam("q") @Size(max = 300, message = "is too long (at most {max} characters)")
            @jakarta.validation.constraints.Pattern(regexp = "[^\\x00]*", message = "may not contain the NUL character") String q,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be at least {value}")
            @Max(value = MAX_PAGE, message = "must be at most {value}") int page,
            @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "must be at least {value}")
            @Max(value = ConversationService.MAX_PAGE_SIZE, message = "must be at most {value}") int size) {
        return conversations.list(owner.id(), q, page, size);
    }

    @GET
    @Path("/{id}")
    public ConversationViews.Detail get(@PathParam("id") UUID id) {
        return conversations.get(owner.id(), id);
    }

    @PATCH
    @Path("/{id}")
    public ConversationViews.Summary update(@PathParam("id") UUID id, ConversationViews.Changes changes) {
        if (changes == null) {
            throw ApiException.badRequest("Send the fields to change, e.g. {\"title\":\"Trip plans\"}.");
        }
        // maxTokens 0 clears the limit (back to the model's default); absent leaves it as it is.
        Integer maxTokens = changes.maxTokens() != null && changes.maxTokens() == 0 ? null : changes.maxTokens();
        validator.validate(new ChatRequest.Settings(changes.temperature(), maxTokens, changes.systemPrompt(), changes.model(),
                changes.sampling()));
        return conversations.update(owner.id(), id, changes);
    }

    /** Deletes the conversation; an answer being generated in it stops (see {@link AnswersRemoved}). */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") UUID id) {
        conversations.delete(owner.id(), id);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{id}/messages")
    public Response clear(@PathParam("id") UUID id) {
        conversations.clear(owner.id(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/export")
    @Produces({ "text/markdown", MediaType.APPLICATION_JSON })
    public Response export(@PathParam("id") UUID id, @QueryParam("format") @DefaultValue("markdown") String format) {
        return exporter.export(conversations, owner.id(), id, format);
    }

    /** Shows another branch: {@code {"messageId": "<a version of a message>"}}; answers with the branch shown. */
    @PUT
    @Path("/{id}/current")
    public ConversationViews.Detail showBranch(@PathParam("id") UUID id, ConversationViews.MessageRef ref) {
        return conversations.showBranch(owner.id(), id, requireMessage(ref));
    }

    /** Branch into a new chat: a new conversation holding the path to {@code messageId}. */
    @POST
    @Path("/{id}/fork")
    public Response fork(@PathParam("id") UUID id, ConversationViews.MessageRef ref) {
        return Response.status(Response.Status.CREATED).entity(conversations.fork(owner.id(), id, requireMessage(ref))).build();
    }

    private static UUID requireMessage(ConversationViews.MessageRef ref) {
        if (ref == null || ref.messageId() == null) {
            throw ApiException.badRequest("Send the message to go to, e.g. {\"messageId\":\"...\"}.");
        }
        return ref.messageId();
    }
}
