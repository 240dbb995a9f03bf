package dev.synin.chat;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How chats run and what one chat request may carry. Env: {@code SYNIN_CHAT_MAX_MESSAGES}, {@code SYNIN_CHAT_ABANDON_AFTER}, ... */
@ConfigMapping(prefix = "synin.chat")
public interface ChatConfig {

    /** Most messages one request may send (a new conversation's opening history). */
    @WithDefault("500")
    int maxMessages();

    /** Longest message, in characters. */
    @WithDefault("200000")
    int maxMessageLength();

    /**
     * How often the text of an answer still streaming is written to the database, so that a reload served by another
     * replica shows it, and so that the other replicas see this one is alive. Never per token.
     */
    @WithDefault("2s")
    Duration partialSaveInterval();

    /**
     * How long an answer keeps being generated after the last tab following it went away (closed, reloaded, lost its
     * network). {@code 0}: stop as soon as nobody follows. Only Stop and Delete stop an answer that is followed.
     */
    @WithDefault("10m")
    Duration abandonAfter();

    /** How long an ended answer stays in memory for subscribers that arrive just after its end. */
    @WithDefault("30s")
    Duration answerRetention();

    /**
     * Put the question and the answer in the one log line each answer gets. Off by default: conversations are the
     * user's, and logs travel further than the database.
     */
    @WithDefault("false")
    boolean logMessageContents();

    /** How a new conversation gets its title: see {@link TitleWriter}. */
    enum Titles {
        /** After the first answer, the model writes a short title in the background; the first message until then. */
        MODEL,
        /** The first message, shortened. */
        FIRST_MESSAGE
    }

    /** {@code SYNIN_TITLES}: {@code model} (default) or {@code first-message}. */
    @WithDefault("model")
    Titles titles();

    /**
     * A streaming answer whose row has not been refreshed for this long belongs to a replica that died (OOM, kill -9,
     * lost node): another replica marks it interrupted and the conversation takes new messages again.
     */
    default Duration assumedDeadAfter() {
        return Duration.ofMillis(Math.max(6000, partialSaveInterval().toMillis() * 3));
    }
}
