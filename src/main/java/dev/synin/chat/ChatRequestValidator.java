package dev.synin.chat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Payload;
import jakarta.validation.Validator;

import dev.synin.conversation.MessageRole;
import dev.synin.error.ApiException;
import io.quarkus.arc.Arc;

/**
 * Rejects a chat request, before anything is stored, with the constraints declared on {@link ChatRequest}; the
 * violations become one 400 (see {@code ErrorMappers}). The limits that come from configuration ({@link ChatConfig})
 * are the constraints {@link Text} and {@link History}; how the fields fit together is {@link CoherentTurn}.
 */
@ApplicationScoped
public class ChatRequestValidator {

    private final Validator validator;

    ChatRequestValidator(Validator validator) {
        this.validator = validator;
    }

    public void validate(ChatRequest request) {
        if (request == null) {
            throw ApiException.badRequest("The request body is empty; send JSON like {\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}.");
        }
        check(validator.validate(request));
    }

    /** The settings a conversation keeps, checked like those of a chat request. */
    public void validate(ChatRequest.Settings settings) {
        check(validator.validate(settings));
    }

    private static <T> void check(Set<ConstraintViolation<T>> violations) {
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    /** A text of at most {@link ChatConfig#maxMessageLength()} characters. */
    @Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = TextLength.class)
    public @interface Text {
        String message() default "is too long";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** At most {@link ChatConfig#maxMessages()} messages. */
    @Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = HistoryLength.class)
    public @interface History {
        String message() default "has too many messages";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /**
     * A turn ends with a non-empty user message unless it regenerates or continues; regenerating, editing,
     * continuing and naming a parent need a conversation, and a turn does only one of them.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = TurnShape.class)
    public @interface CoherentTurn {
        String message() default "is not a coherent turn";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class TextLength implements ConstraintValidator<Text, String> {

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            ChatConfig config = limits();
            if (text == null || text.length() <= config.maxMessageLength()) {
                return true;
            }
            return refuse(context, "is " + text.length() + " characters long (at most " + config.maxMessageLength() + ")");
        }
    }

    public static class HistoryLength implements ConstraintValidator<History, List<?>> {

        @Override
        public boolean isValid(List<?> messages, ConstraintValidatorContext context) {
            ChatConfig config = limits();
            if (messages == null || messages.size() <= config.maxMessages()) {
                return true;
            }
            return refuse(context, "are too many: " + messages.size() + " (at most " + config.maxMessages() + ")");
        }
    }

    public static class TurnShape implements ConstraintValidator<CoherentTurn, ChatRequest> {

        @Override
        public boolean isValid(ChatRequest request, ConstraintValidatorContext context) {
            if (request == null) {
                return true;
            }
            int kinds = (request.isRegenerate() ? 1 : 0) + (request.editMessageId() != null ? 1 : 0)
                    + (request.continueMessageId() != null ? 1 : 0);
            if (kinds > 1) {
                return refuse(context, "regenerate, editMessageId and continueMessageId exclude each other");
            }
            if (request.conversationId() == null && (kinds > 0 || request.parentMessageId() != null)) {
                String field = request.isRegenerate() ? "regenerate" : request.editMessageId() != null ? "editMessageId"
                        : request.continueMessageId() != null ? "continueMessageId" : "parentMessageId";
                return refuse(context, field + " needs a conversationId");
            }
            if (request.parentMessageId() != null && kinds > 0) {
                return refuse(context, "parentMessageId goes with a new question only");
            }
            if (request.asksNothingNew()) {
                return true;
            }
            List<ChatRequest.MessageInput> messages = request.messages() == null ? List.of() : request.messages();
            ChatRequest.MessageInput last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
            if (last == null || last.role() == null) {
                // A null last message or role is reported on its own field.
                return last != null || refuse(context, "messages must end with a user message");
            }
            if (MessageRole.parse(last.role()).map(role -> role != MessageRole.USER).orElse(false)) {
                return refuse(context, "messages must end with a user message");
            }
            // A question may be only a picture or a file.
            return last.content() == null || !last.content().isBlank() || !last.attachmentIds().isEmpty()
                    || refuse(context, "The user message is empty");
        }
    }

    /** Looked up when used: Hibernate Validator makes its validators at start, before the configuration is there. */
    private static ChatConfig limits() {
        return Arc.container().instance(ChatConfig.class).get();
    }

    /** The message is literal text, never a template: Hibernate Validator must not interpolate what the user sent. */
    private static boolean refuse(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
                .replace("$", "\\$")).addConstraintViolation();
        return false;
    }
}
