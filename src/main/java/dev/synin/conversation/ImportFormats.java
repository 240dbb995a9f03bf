package dev.synin.conversation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.error.ApiException;

/**
 * Reads the export files Synin imports, all or nothing: Synin's own JSON export (every branch, linked by
 * {@code id}/{@code parentId}; an older export without {@code parentId} is one branch) and ChatGPT's data export
 * {@code conversations.json} (each conversation's {@code mapping} is a tree; its branches, titles and timestamps are
 * kept). ChatGPT's hidden and tool messages (system prompts, code runs, browsing) are left out and their children
 * attached to the nearest message kept. Anything else is a 400 that says where the file is wrong.
 */
final class ImportFormats {

    static final int MAX_CONVERSATIONS = 10_000;
    static final int MAX_MESSAGES = 200_000;

    private int messages;

    private ImportFormats() {
    }

    static List<ImportedConversation> read(JsonNode document) {
        ImportFormats reader = new ImportFormats();
        List<JsonNode> items = new ArrayList<>();
        if (document != null && document.isArray()) {
            document.forEach(items::add);
        } else if (document != null && document.isObject()) {
            items.add(document);
        } else {
            throw unknown();
        }
        if (items.isEmpty()) {
            throw ApiException.badRequest("The file holds no conversation.");
        }
        if (items.size() > MAX_CONVERSATIONS) {
            throw ApiException.badRequest("The file holds " + items.size() + " conversations; at most " + MAX_CONVERSATIONS
                    + " are imported at once. Split it.");
        }
        List<ImportedConversation> conversations = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String where = items.size() == 1 ? "" : "Conversation " + (i + 1) + ": ";
            if (!item.isObject()) {
                throw unknown();
            }
            try {
                if (item.has("mapping")) {
                    conversations.add(reader.chatGpt(item));
                } else if (item.has("messages")) {
                    conversations.add(reader.synin(item));
                } else {
                    throw unknown();
                }
            } catch (ApiException e) {
                throw ApiException.badRequest(where + e.getMessage());
            }
        }
        return conversations;
    }

    private static ApiException unknown() {
        return ApiException.badRequest("This is neither a Synin export (JSON, from Export) nor ChatGPT's conversations.json; "
                + "nothing was imported.");
    }

    // --- Synin's own export ---------------------------------------------------------------------------------------

    private ImportedConversation synin(JsonNode item) {
        JsonNode list = item.get("messages");
        if (!list.isArray()) {
            throw ApiException.badRequest("\"messages\" must be a list.");
        }
        boolean tree = ConversationViews.Export.FORMAT.equals(text(item, "format"));
        List<ImportedConversation.Message> read = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String previous = null;
        int index = 0;
        for (JsonNode m : list) {
            index++;
            count();
            if (!m.isObject()) {
                throw ApiException.badRequest("Message " + index + " is not an object.");
            }
            String key = text(m, "id");
            if (key == null) {
                key = "#" + index;
            }
            if (!seen.add(key)) {
                throw ApiException.badRequest("Message " + index + " repeats the id " + key + ".");
            }
            String parent = tree ? text(m, "parentId") : previous;
            if (parent != null && !seen.contains(parent)) {
                throw ApiException.badRequest("Message " + index + " follows " + parent + ", which is not an earlier message of the file.");
            }
            int position = index;
            MessageRole role = MessageRole.parse(required(m, "role", index))
                    .orElseThrow(() -> ApiException.badRequest("Message " + position + ": role must be system, user or assistant."));
            String status = text(m, "status");
            MessageStatus parsed = status == null ? MessageStatus.COMPLETE : MessageStatus.fromWire(status)
                    .orElseThrow(() -> ApiException.badRequest("Message has an unknown status \"" + status + "\"."));
            if (parsed == MessageStatus.STREAMING) {
                parsed = MessageStatus.INTERRUPTED; // it was being written when exported; nothing will finish it here
            }
            JsonNode usage = m.path("usage");
            JsonNode timings = m.path("timings");
            JsonNode error = m.path("error");
            read.add(new ImportedConversation.Message(key, parent, role, clean(required(m, "content", index)), clean(text(m, "reasoning")),
                    parsed, clean(text(m, "model")), clean(text(m, "finishReason")), integer(usage, "promptTokens"),
                    integer(usage, "completionTokens"), longValue(timings, "ttftMs"), longValue(timings, "totalMs"),
                    clean(text(error, "code")), clean(text(error, "message")), instant(m, "createdAt"),
                    role == MessageRole.USER ? files(item.path("files").path(text(m, "id") == null ? "" : text(m, "id"))) : List.of()));
            previous = key;
        }
        String current = tree ? text(item, "currentLeafId") : previous;
        return new ImportedConversation(title(text(item, "title")), clean(text(item, "model")), number(item, "temperature"),
                integer(item, "maxTokens"), clean(text(item, "systemPrompt")), instant(item, "createdAt"), instant(item, "updatedAt"),
                read, current != null && seen.contains(current) ? current : previous);
    }

    // --- ChatGPT's conversations.json -----------------------------------------------------------------------------

    private ImportedConversation chatGpt(JsonNode item) {
        JsonNode mapping = item.get("mapping");
        if (!mapping.isObject()) {
            throw ApiException.badRequest("\"mapping\" must be an object of messages.");
        }
        Map<String, JsonNode> nodes = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            nodes.put(entry.getKey(), entry.getValue());
        }
        List<String> roots = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : nodes.entrySet()) {
            String parent = text(entry.getValue(), "parent");
            if (parent == null || !nodes.containsKey(parent)) {
                roots.add(entry.getKey());
            }
        }
        roots.sort(null);
        List<ImportedConversation.Message> read = new ArrayList<>();
        Map<String, String> keptAncestor = new HashMap<>();
        Deque<String[]> pending = new ArrayDeque<>(); // {node, nearest kept ancestor}
        for (int i = roots.size() - 1; i >= 0; i--) {
            pending.push(new String[] { roots.get(i), null });
        }
        Set<String> visited = new HashSet<>();
        while (!pending.isEmpty()) {
            String[] next = pending.pop();
            String key = next[0];
            if (!visited.add(key)) {
                continue; // a node listed twice (or a cycle): once is enough
            }
            JsonNode node = nodes.get(key);
            ImportedConversation.Message kept = chatGptMessage(key, next[1], node.path("message"));
            String ancestor = next[1];
            if (kept != null) {
                count();
                read.add(kept);
                ancestor = key;
            }
            keptAncestor.put(key, ancestor);
            List<String> children = new ArrayList<>();
            node.path("children").forEach(child -> {
                if (child.isTextual() && nodes.containsKey(child.asText())) {
                    children.add(child.asText());
                }
            });
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(new String[] { children.get(i), ancestor });
            }
        }
        String current = keptAncestor.get(text(item, "current_node"));
        if (current == null && !read.isEmpty()) {
            current = read.get(read.size() - 1).key();
        }
        Instant created = epoch(item, "create_time");
        return new ImportedConversation(title(text(item, "title")), null, null, null, null, created,
                epoch(item, "update_time") != null ? epoch(item, "update_time") : created, read, current);
    }

    private static ImportedConversation.Message chatGptMessage(String key, String parent, JsonNode message) {
        if (!message.isObject()) {
            return null;
        }
        String role = text(message.path("author"), "role");
        if (!"user".equals(role) && !"assistant".equals(role)) {
            return null; // system prompts, tools: not part of what the user read
        }
        if (message.path("metadata").path("is_visually_hidden_from_conversation").asBoolean(false)) {
            return null;
        }
        JsonNode content = message.path("content");
        String type = text(content, "content_type");
        if (!"text".equals(type) && !"multimodal_text".equals(type)) {
            return null; // code sent to a tool, browsing results...
        }
        List<String> parts = new ArrayList<>();
        content.path("parts").forEach(part -> parts.add(part.isTextual() ? part.asText() : "[An image or file that was not imported]"));
        String text = clean(String.join("\n", parts)).strip();
        if (text.isEmpty()) {
            return null;
        }
        MessageRole parsed = "user".equals(role) ? MessageRole.USER : MessageRole.ASSISTANT;
        return new ImportedConversation.Message(key, parent, parsed, text, null, MessageStatus.COMPLETE,
                parsed == MessageRole.ASSISTANT ? clean(text(message.path("metadata"), "model_slug")) : null, null, null, null,
                null, null, null, null, epoch(message, "create_time"), List.of());
    }

    /** The files of one question in a Synin export: {@code [{name, type, data (base64)}]}. */
    private static List<ImportedConversation.File> files(JsonNode list) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw ApiException.badRequest("\"files\" must map message ids to lists of files.");
        }
        List<ImportedConversation.File> files = new ArrayList<>();
        for (JsonNode file : list) {
            String name = text(file, "name");
            String data = text(file, "data");
            if (name == null || data == null) {
                throw ApiException.badRequest("A file needs a \"name\" and its \"data\" (base64).");
            }
            try {
                files.add(new ImportedConversation.File(name, text(file, "type"), java.util.Base64.getDecoder().decode(data)));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("The data of " + name + " is not base64.");
            }
        }
        return files;
    }

    // --- values ---------------------------------------------------------------------------------------------------

    private void count() {
        if (++messages > MAX_MESSAGES) {
            throw ApiException.badRequest("The file holds more than " + MAX_MESSAGES + " messages; import it in parts.");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("\"" + field + "\" must be a text.");
        }
        return value.asText();
    }

    private static String required(JsonNode node, String field, int index) {
        String value = text(node, field);
        if (value == null) {
            throw ApiException.badRequest("Message " + index + " has no \"" + field + "\".");
        }
        return value;
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw ApiException.badRequest("\"" + field + "\" must be a whole number.");
        }
        return value.intValue();
    }

    private static Long longValue(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.badRequest("\"" + field + "\" must be a whole number.");
        }
        return value.longValue();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 2) {
            throw ApiException.badRequest("\"" + field + "\" must be a number between 0 and 2.");
        }
        return value.doubleValue();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("\"" + field + "\" is not a time like 2026-01-31T12:00:00Z: " + value);
        }
    }

    /** ChatGPT's times are seconds since 1970, with a fraction. */
    private static Instant epoch(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 32_503_680_000d) {
            return null;
        }
        return Instant.ofEpochMilli(Math.round(value.doubleValue() * 1000));
    }

    /** PostgreSQL cannot store NUL in a text; nothing a person wrote contains one. */
    private static String clean(String text) {
        return text == null ? null : text.replace("\u0000", "");
    }

    private static String title(String title) {
        String oneLine = title == null ? "" : clean(title).replaceAll("[\\u202A-\\u202E\\u2066-\\u2069]", "").strip()
                .replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return "Imported chat";
        }
        return oneLine.length() <= Conversation.TITLE_MAX ? oneLine : oneLine.substring(0, Conversation.TITLE_MAX - 1) + "…";
    }
}
