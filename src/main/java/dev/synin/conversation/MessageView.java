package dev.synin.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A message as the API shows it. {@code siblingIds} are the versions of this message (itself included, oldest first)
 * when it is shown as part of a branch; a switcher "2/3" is its index among them. {@code runCard} is {@code null} for
 * questions and for answers stored before run cards existed.
 */
@RegisterForReflection
public record MessageView(
        UUID id,
        UUID parentId,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<UUID> siblingIds,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<dev.synin.attachment.AttachmentView> attachments,
        String role,
        String content,
        String reasoning,
        String status,
        String model,
        String finishReason,
        UsageView usage,
        TimingsView timings,
        RunCard runCard,
        @JsonInclude(JsonInclude.Include.ALWAYS) ErrorView error,
        Instant createdAt) {

    @RegisterForReflection
    public record UsageView(Integer promptTokens, Integer completionTokens) {
    }

    @RegisterForReflection
    public record TimingsView(Long ttftMs, Long totalMs, Double tokensPerSecond) {

        /** Generation speed after the first token, the figure LM Studio itself shows. */
        public static TimingsView of(Long ttftMs, Long totalMs, Integer completionTokens) {
            Double speed = null;
            if (ttftMs != null && totalMs != null && completionTokens != null && completionTokens > 0) {
                long generatingMs = Math.max(1, totalMs - ttftMs);
                speed = Math.round(completionTokens * 10_000.0 / generatingMs) / 10.0;
            }
            return new TimingsView(ttftMs, totalMs, speed);
        }
    }

    @RegisterForReflection
    public record ErrorView(String code, String message) {
    }

    public static MessageView of(Message m) {
        return of(m, null, List.of());
    }

    public static MessageView of(Message m, List<UUID> siblingIds, List<dev.synin.attachment.AttachmentView> attachments) {
        boolean answer = m.role == MessageRole.ASSISTANT;
        return new MessageView(m.id, m.parentId, siblingIds, attachments, m.role.wire(), m.content, m.reasoning, m.status.wire(), m.model, m.finishReason,
                answer ? new UsageView(m.promptTokens, m.completionTokens) : null,
                answer ? TimingsView.of(m.ttftMs, m.durationMs, m.completionTokens) : null,
                answer ? m.runCard : null,
                m.errorCode == null ? null : new ErrorView(m.errorCode, m.errorMessage),
                m.createdAt);
    }
}
