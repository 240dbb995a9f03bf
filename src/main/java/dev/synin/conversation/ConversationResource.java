package dev.synin.conversation;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.synin.chat.ChatRequest;
import dev.synin.chat.ChatRequestValidator;
import dev.synin.chat.GenerationRegistry;
import dev.synin.chat.StopSignals;
import dev.synin.error.ApiException;
import dev.synin.security.CurrentOwner;
import io.smallrye.common.annotation.Blocking;

/** The owner's conversations: list, read, change settings, delete, clear, stop, export. */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ConversationResource {

    static final int MAX_PAGE = 100_000;

    private final ConversationService conversations;
    private final GenerationRegistry generations;
    private final ConversationExporter exporter;
    private final CurrentOwner owner;
    private final ChatRequestValidator validator;
    private final StopSignals stopSignals;

    ConversationResource(ConversationService conversations, GenerationRegistry generations, ConversationExporter exporter,
            CurrentOwner owner, ChatRequestValidator validator, StopSignals stopSignals) {
        this.conversations = conversations;
        this.generations = generations;
        this.exporter = exporter;
        this.owner = owner;
        this.validator = validator;
        this.stopSignals = stopSignals;
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
        validator.validate(new ChatRequest.Settings(changes.temperature(), maxTokens, changes.systemPrompt(), changes.model()));
        return conversations.update(owner.id(), id, changes);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") UUID id) {
        conversations.requireOwned(owner.id(), id);
        stopAnywhere(id);
        conversations.delete(owner.id(), id);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{id}/messages")
    public Response clear(@PathParam("id") UUID id) {
        conversations.requireOwned(owner.id(), id);
        stopAnywhere(id);
        conversations.clear(owner.id(), id);
        return Response.noContent().build();
    }

    /** Stops the answer being generated, on this replica or, through {@link StopSignals}, on whichever runs it. */
    @POST
    @Path("/{id}/stop")
    public Map<String, Boolean> stop(@PathParam("id") UUID id) {
        conversations.requireOwned(owner.id(), id);
        if (generations.stop(id)) {
            return Map.of("stopped", true);
        }
        if (conversations.isGenerating(id)) {
            stopSignals.broadcastStop(id);
            return Map.of("stopped", true);
        }
        return Map.of("stopped", false);
    }

    private void stopAnywhere(UUID id) {
        if (!generations.stop(id) && conversations.isGenerating(id)) {
            stopSignals.broadcastStop(id);
        }
    }

    @GET
    @Path("/{id}/export")
    @Produces({ "text/markdown", MediaType.APPLICATION_JSON })
    public Response export(@PathParam("id") UUID id, @QueryParam("format") @DefaultValue("markdown") String format) {
        return exporter.export(conversations.get(owner.id(), id), format);
    }
}
