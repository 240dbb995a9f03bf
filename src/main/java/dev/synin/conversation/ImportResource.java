package dev.synin.conversation;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.security.CurrentOwner;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /api/import}: a Synin export or ChatGPT's {@code conversations.json} as the body; every conversation in
 * it becomes a new conversation of the caller (see {@link ImportFormats}). Up to {@code SYNIN_IMPORT_MAX_BODY_SIZE}.
 */
@Path("/api/import")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class ImportResource {

    /** What was imported: the new conversations, in the order of the file. */
    @RegisterForReflection
    public record Imported(int count, List<ConversationViews.Summary> conversations) {
    }

    private final ConversationService conversations;
    private final CurrentOwner owner;

    ImportResource(ConversationService conversations, CurrentOwner owner) {
        this.conversations = conversations;
        this.owner = owner;
    }

    @POST
    public Response importFile(JsonNode file) {
        List<ImportedConversation> read = ImportFormats.read(file);
        List<ConversationViews.Summary> stored = conversations.importAll(owner.id(), read);
        return Response.status(Response.Status.CREATED).entity(new Imported(stored.size(), stored)).build();
    }
}
