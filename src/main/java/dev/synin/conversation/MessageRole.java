package dev.synin.conversation;

import java.util.Locale;
import java.util.Optional;

/** Who said a message; the names are those of the OpenAI chat API. */
public enum MessageRole {
    SYSTEM, USER, ASSISTANT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MessageRole> parse(String role) {
        if (role == null) {
            return Optional.empty();
        }
        for (MessageRole r : values()) {
            if (r.wire().equals(role.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
