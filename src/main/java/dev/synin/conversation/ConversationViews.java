package dev.synin.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Conversation shapes of the API. */
public final class ConversationViews {

    private ConversationViews() {
    }

    @RegisterForReflection
    public record Summary(UUID id, String title, String model, Double temperature, Integer maxTokens, String systemPrompt,
            Instant createdAt, Instant updatedAt, boolean generating) {

        static Summary of(Conversation c, boolean generating) {
            return new Summary(c.id, c.title, c.model, c.temperature, c.maxTokens, c.systemPrompt, c.createdAt, c.updatedAt, generating);
        }
    }

    @RegisterForReflection
    public record Detail(UUID id, String title, String model, Double temperature, Integer maxTokens, String systemPrompt,
            Instant createdAt, Instant updatedAt, boolean generating, List<MessageView> messages) {

        static Detail of(Conversation c, List<Message> messages) {
            boolean generating = messages.stream().anyMatch(m -> m.status == MessageStatus.STREAMING);
            return new Detail(c.id, c.title, c.model, c.temperature, c.maxTokens, c.systemPrompt, c.createdAt, c.updatedAt,
                    generating, messages.stream().map(MessageView::of).toList());
        }
    }

    @RegisterForReflection
    public record Page(List<Summary> items, int page, int size, long total) {
    }

    /** Body of {@code PATCH /api/conversations/{id}}: absent fields stay as they are; an empty string clears a text. */
    @RegisterForReflection
    public record Changes(String title, String model, Double temperature, Integer maxTokens, String systemPrompt) {
    }
}
