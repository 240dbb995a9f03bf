package dev.synin.chat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what one chat request may carry. Env: {@code SYNIN_CHAT_MAX_MESSAGES}, {@code SYNIN_CHAT_MAX_MESSAGE_LENGTH}. */
@ConfigMapping(prefix = "synin.chat")
public interface ChatConfig {

    /** Most messages one request may send (a new conversation's opening history). */
    @WithDefault("500")
    int maxMessages();

    /** Longest message, in characters. */
    @WithDefault("200000")
    int maxMessageLength();
}
