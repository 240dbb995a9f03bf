package dev.synin.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Conversation shapes of the API. */
public final class ConversationViews {

    private ConversationViews() {
    }

    /** @param matchMessageId with a search: the newest message whose text matches (open its branch to show it) */
    @RegisterForReflection
    public record Summary(UUID id, String title, String model, Double temperature, Integer maxTokens, String systemPrompt,
            Sampling sampling, Instant createdAt, Instant updatedAt, boolean generating,
            @JsonInclude(JsonInclude.Include.NON_NULL) UUID matchMessageId) {

        static Summary of(Conversation c, boolean generating) {
            return of(c, generating, null);
        }

        static Summary of(Conversation c, boolean generating, UUID matchMessageId) {
            return new Summary(c.id, c.title, c.model, c.temperature, c.maxTokens, c.systemPrompt, c.sampling, c.createdAt,
                    c.updatedAt, generating, matchMessageId);
        }
    }

    /**
     * A conversation with the branch it shows: {@code messages} is the path from the first message to
     * {@code currentLeafId}; {@code messageCount} counts the messages of every branch.
     */
    @RegisterForReflection
    public record Detail(UUID id, String title, String model, Double temperature, Integer maxTokens, String systemPrompt,
            Sampling sampling, Instant createdAt, Instant updatedAt, boolean generating, UUID currentLeafId, int messageCount,
            List<MessageView> messages) {

        /** @param files what the questions of the branch carry, by message id  */
        static Detail of(Conversation c, List<Message> all, java.util.function.Function<List<UUID>, java.util.Map<UUID,
                List<dev.synin.attachment.AttachmentView>>> files) {
            ConversationTree<Message> tree = ConversationTree.of(all, Message::node);
            UUID leaf = tree.currentLeaf(c.currentLeafId);
            boolean generating = all.stream().anyMatch(m -> m.status == MessageStatus.STREAMING);
            List<Message> path = tree.pathTo(leaf);
            java.util.Map<UUID, List<dev.synin.attachment.AttachmentView>> attached = files.apply(
                    path.stream().filter(m -> m.role == MessageRole.USER).map(m -> m.id).toList());
            List<MessageView> branch = path.stream()
                    .map(m -> MessageView.of(m, tree.siblingIds(m.id), attached.getOrDefault(m.id, List.of()))).toList();
            return new Detail(c.id, c.title, c.model, c.temperature, c.maxTokens, c.systemPrompt, c.sampling, c.createdAt,
                    c.updatedAt, generating, leaf, all.size(), branch);
        }
    }

    /**
     * Synin's own export: every message of every branch, with {@code id} and {@code parentId}; what
     * {@code POST /api/import} takes back.
     */
    @RegisterForReflection
    public record Export(String format, int version, String title, String model, Double temperature, Integer maxTokens,
            String systemPrompt, Sampling sampling, Instant createdAt, Instant updatedAt, UUID currentLeafId, List<MessageView> messages,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.Map<UUID, List<ExportedFile>> files) {

        public static final String FORMAT = "synin-conversation";

        static Export of(Conversation c, List<Message> all, java.util.Map<UUID, List<ExportedFile>> files) {
            UUID leaf = ConversationTree.of(all, Message::node).currentLeaf(c.currentLeafId);
            return new Export(FORMAT, 1, c.title, c.model, c.temperature, c.maxTokens, c.systemPrompt, c.sampling, c.createdAt,
                    c.updatedAt, leaf, all.stream().map(MessageView::of).toList(), files);
        }
    }

    /** A file a question carried, whole, in an export: {@code data} is the original's bytes in base64. */
    @RegisterForReflection
    public record ExportedFile(String name, String type, String data) {
    }

    /** Body of {@code PUT /api/conversations/{id}/current} and {@code POST .../fork}: a message of the conversation. */
    @RegisterForReflection
    public record MessageRef(UUID messageId) {
    }

    @RegisterForReflection
    public record Page(List<Summary> items, int page, int size, long total) {
    }

    /** Body of {@code PATCH /api/conversations/{id}}: absent fields stay as they are; an empty string clears a text. */
    @RegisterForReflection
    public record Changes(String title, String model, Double temperature, Integer maxTokens, String systemPrompt, Sampling sampling) {
    }
}
