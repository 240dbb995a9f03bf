package dev.synin.chat;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /api/chat} and {@code /api/chat/stream}. The constraints are checked by
 * {@link ChatRequestValidator}; each violation is reported as {@code "<field> <message>"}.
 *
 * @param conversationId continue this conversation; absent: start one from {@code messages}
 * @param messages for a new conversation the whole opening history; otherwise only the last user message counts
 * @param regenerate answer the question of the branch's last answer again, as a new version of that answer
 * @param editMessageId a new version of this user message: the last user message of {@code messages}, answered
 * @param parentMessageId the message the new question follows (the last one the client shows); absent: the end of
 *        the conversation's current branch
 * @param regenerateMessageId answer the question of this answer again (Retry of a failed answer); implies regenerate
 * @param continueMessageId continue this answer where it was cut off, appending to it
 * @param sampling top P, top K, min P, repeat penalty, seed, stop: replaces the conversation's when given
 */
@RegisterForReflection
@ChatRequestValidator.CoherentTurn
public record ChatRequest(
        UUID conversationId,
        @ChatRequestValidator.History List<@NotNull(message = "is null") @Valid MessageInput> messages,
        @Size(max = Settings.MAX_MODEL_LENGTH, message = "is too long (at most {max} characters)") String model,
        @DecimalMin(value = "0", message = Settings.TEMPERATURE) @DecimalMax(value = "2", message = Settings.TEMPERATURE) Double temperature,
        @Min(value = 1, message = "must be at least 1") Integer maxTokens,
        @ChatRequestValidator.Text String systemPrompt,
        @Valid dev.synin.conversation.Sampling sampling,
        Boolean regenerate,
        UUID editMessageId,
        UUID parentMessageId,
        UUID regenerateMessageId,
        UUID continueMessageId) {

    @RegisterForReflection
    public record MessageInput(
            @NotNull(message = "must be one of system, user, assistant (got nothing)")
            @Pattern(regexp = "(?i)\\s*(system|user|assistant)\\s*", message = "must be one of system, user, assistant") String role,
            @NotNull(message = "is missing") @ChatRequestValidator.Text String content,
            @Size(max = 100, message = "are too many (at most {max})") List<@NotNull(message = "may not hold null") UUID> attachments) {

        public MessageInput(String role, String content) {
            this(role, content, null);
        }

        public List<UUID> attachmentIds() {
            return attachments == null ? List.of() : attachments;
        }
    }

    /** The generation settings a conversation keeps ({@code PATCH /api/conversations/{id}}), checked like a request's. */
    @RegisterForReflection
    public record Settings(
            @DecimalMin(value = "0", message = TEMPERATURE) @DecimalMax(value = "2", message = TEMPERATURE) Double temperature,
            @Min(value = 1, message = "must be at least 1") Integer maxTokens,
            @ChatRequestValidator.Text String systemPrompt,
            @Size(max = MAX_MODEL_LENGTH, message = "is too long (at most {max} characters)") String model,
            @Valid dev.synin.conversation.Sampling sampling) {

        static final int MAX_MODEL_LENGTH = 300;
        static final String TEMPERATURE = "must be between 0 and 2";
    }

    public boolean isRegenerate() {
        return Boolean.TRUE.equals(regenerate) || regenerateMessageId != null;
    }

    /** The turn answers again or continues a stored message instead of asking a new question. */
    public boolean asksNothingNew() {
        return isRegenerate() || continueMessageId != null;
    }
}
