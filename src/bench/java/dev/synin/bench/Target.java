package dev.synin.bench;

import java.util.List;
import java.util.UUID;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** One way to the fake upstream: what URI to call and how to phrase the chat for it. */
interface Target {

    String name();

    int port();

    String uri();

    /** The request body of virtual user {@code user} (of {@code users}) in its {@code round}-th chat, asking for {@code userText}. */
    Buffer body(String userText, int user, int round, int users);

    default void headers(MultiMap headers) {
        headers.set("Content-Type", "application/json").set("Accept", "text/event-stream");
    }

    /** An OpenAI-compatible server: the fake upstream itself, or a proxy in front of it. */
    record OpenAi(String name, int port) implements Target {

        @Override
        public String uri() {
            return "/v1/chat/completions";
        }

        @Override
        public Buffer body(String userText, int user, int round, int users) {
            return Buffer.buffer("{\"model\":\"" + FakeUpstream.MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                    + userText + "\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        }
    }

    /**
     * Synin's {@code POST /api/chat/stream}, as one browser (one owner cookie) continuing its conversations. User
     * {@code u} of {@code n} takes conversations u, u + n, u + 2n, ... in turn, so no two users ever share one (an
     * answer still running in a conversation makes Synin refuse another) while there are at least {@code n}.
     */
    record Synin(String name, int port, String cookie, List<UUID> conversations) implements Target {

        @Override
        public String uri() {
            return "/api/chat/stream";
        }

        @Override
        public Buffer body(String userText, int user, int round, int users) {
            int turns = Math.max(1, conversations.size() / users);
            String conversation = conversations.isEmpty() ? ""
                    : ",\"conversationId\":\"" + conversations.get((user + users * (round % turns)) % conversations.size()) + "\"";
            return Buffer.buffer("{\"messages\":[{\"role\":\"user\",\"content\":\"" + userText + "\"}],\"model\":\""
                    + FakeUpstream.MODEL + "\"" + conversation + "}");
        }

        @Override
        public void headers(MultiMap headers) {
            Target.super.headers(headers);
            if (cookie != null) {
                headers.set("Cookie", cookie);
                // Synin's CSRF guard: a request with a cookie must say it comes from a script of Synin's, as the UI does.
                headers.set("X-Requested-With", "synin");
            }
        }
    }
}
