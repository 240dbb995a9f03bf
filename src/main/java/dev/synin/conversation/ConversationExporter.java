package dev.synin.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.synin.error.ApiException;

/**
 * A conversation as a file to download: Markdown (the branch shown) to read, JSON (every branch, what
 * {@code POST /api/import} takes back) to keep.
 */
@ApplicationScoped
public class ConversationExporter {

    private final ObjectMapper json;

    ConversationExporter(ObjectMapper json) {
        this.json = json;
    }

    Response export(ConversationService conversations, String ownerId, java.util.UUID id, String format) {
        return switch (format) {
            case "markdown", "md" -> {
                ConversationViews.Detail shown = conversations.get(ownerId, id);
                yield download(markdown(shown), "text/markdown; charset=utf-8", fileName(shown.title()) + ".md");
            }
            case "json" -> {
                ConversationViews.Export everything = conversations.export(ownerId, id);
                yield download(toJson(everything), MediaType.APPLICATION_JSON + "; charset=utf-8", fileName(everything.title()) + ".json");
            }
            default -> throw ApiException.badRequest("format must be markdown or json.");
        };
    }

    private static String fileName(String title) {
        return "synin-" + title.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("(^-+|-+$)", "");
    }

    static String markdown(ConversationViews.Detail conversation) {
        StringBuilder out = new StringBuilder("# ").append(conversation.title()).append("\n\n");
        if (conversation.model() != null) {
            out.append("_Model: ").append(conversation.model()).append("_\n\n");
        }
        if (conversation.systemPrompt() != null) {
            out.append("**System:** ").append(conversation.systemPrompt()).append("\n\n");
        }
        for (MessageView message : conversation.messages()) {
            String who = switch (message.role()) {
                case "user" -> "You";
                case "assistant" -> "Assistant" + (message.model() != null ? " (" + message.model() + ")" : "");
                default -> "System";
            };
            out.append("## ").append(who).append("\n\n");
            if (message.reasoning() != null && !message.reasoning().isBlank()) {
                out.append("<details><summary>Thinking</summary>\n\n").append(message.reasoning()).append("\n\n</details>\n\n");
            }
            if (message.attachments() != null && !message.attachments().isEmpty()) {
                out.append("_Attached: ").append(String.join(", ", message.attachments().stream()
                        .map(dev.synin.attachment.AttachmentView::name).toList())).append("_\n\n");
            }
            out.append(message.content()).append("\n\n");
            if (!"complete".equals(message.status())) {
                out.append("_(").append(message.status()).append(message.error() != null ? ": " + message.error().message() : "")
                        .append(")_\n\n");
            }
        }
        return out.toString();
    }

    private String toJson(ConversationViews.Export conversation) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(conversation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("conversation views are plain records", e);
        }
    }

    private static Response download(String body, String type, String filename) {
        return Response.ok(body).type(type)
                .header("Content-Disposition", "attachment; filename=\"" + (filename.length() > 100 ? filename.substring(0, 100) : filename) + "\"")
                .build();
    }
}
