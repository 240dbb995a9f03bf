package dev.synin.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Serves the chat page. The page is the same for a new chat and for {@code /c/{id}}: the script reads
 * the conversation id from the URL and loads it from the JSON API, so a reload or a new tab restores it.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ChatPageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance chat();
    }

    @GET
    public TemplateInstance newChat() {
        return Templates.chat();
    }

    // The id is not checked here: an unknown id renders the page, which then shows "not found"
    // with a New chat button, the same as a conversation deleted in another tab.
    @GET
    @Path("c/{id}")
    public TemplateInstance conversation() {
        return Templates.chat();
    }
}
