package dev.synin.chat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what one chat request may carry. Env: {@code SYNIN_CHAT_MAX_MESSAGES}, {@code SYNIN_CHAT_MAX_MESSAGE_LENGTH}. */
@ConfigMapping(prefix = "synin.chat")
public interface ChatConfig {

    /** Most messages one request may send (a new conversation's opening history). */
    @WithDefault("500")
    int maxMessages();

    /**
     * How often the text of an answer still streaming is written to the database, so that a reload served by
     * another replica shows it (and so that a replica that died is noticed). Never per token.
     */
    @WithDefault("2s")
    java.time.Duration partialSaveInterval();

    /**
     * Put the question and the answer in the one log line each answer gets. Off by default: conversations are the
     * user's, and logs travel further than the database.
     */
    @WithDefault("false")
    boolean logMessageContents();

    /** Longest message, in characters. */
    @WithDefault("200000")
    int maxMessageLength();
}
