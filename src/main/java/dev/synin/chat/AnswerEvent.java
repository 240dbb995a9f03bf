package dev.synin.chat;

import java.util.UUID;

import dev.synin.conversation.MessageView;
import dev.synin.error.ApiError;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The closed set of events an answer produces, each naming its SSE event; {@code web/app/answer-events.js} mirrors
 * it for the page. Every event of an answer gets an increasing sequence number from its {@link Generation}; the SSE
 * {@code id} is {@code <assistantMessageId>:<seq>}, which is what a resuming client sends back.
 */
sealed interface AnswerEvent {

    /** The SSE event name. */
    String name();

    /** Whether the answer is over after this event. */
    default boolean terminal() {
        return false;
    }

    /** {@code continued}: the answer goes on from stored text, which follows as the first delta (and reasoning). */
    @RegisterForReflection
    record Started(UUID conversationId, UUID userMessageId, UUID assistantMessageId, String model,
            boolean historyTrimmed, int droppedMessages, boolean continued) implements AnswerEvent {
        @Override
        public String name() {
            return "start";
        }
    }

    /** How much of the prompt the server has read (llama-server's {@code prompt_progress}), before the first token. */
    @RegisterForReflection
    record Progress(int processed, int total) implements AnswerEvent {
        @Override
        public String name() {
            return "progress";
        }
    }

    /** Thinking text of a reasoning model. */
    record Reasoning(String content) implements AnswerEvent {
        @Override
        public String name() {
            return "reasoning";
        }
    }

    /** Answer text. */
    record Delta(String content) implements AnswerEvent {
        @Override
        public String name() {
            return "delta";
        }
    }

    @RegisterForReflection
    record Usage(Integer promptTokens, Integer completionTokens) implements AnswerEvent {
        @Override
        public String name() {
            return "usage";
        }
    }

    /** The answer ended without an error: complete, stopped or interrupted ({@code reason} says why when not complete). */
    @RegisterForReflection
    record Done(String status, String finishReason, MessageView.UsageView usage, MessageView.TimingsView timings,
            String reason) implements AnswerEvent {
        @Override
        public String name() {
            return "done";
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** The answer ended in an error; the data is {@code {"error":{"code","message"}}}, as for HTTP errors. */
    record Failed(ApiError error) implements AnswerEvent {
        @Override
        public String name() {
            return "error";
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }
}
