package dev.synin.testing;

import java.time.Duration;
import java.util.List;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** What the fake upstream answers to one chat request. */
public abstract class Reply {

    abstract void serve(FakeLmStudio fake, HttpServerRequest request);

    /** A plain JSON answer with the given status (a completion, or an error body). */
    public static Reply json(int status, String body) {
        return new Reply() {
            @Override
            void serve(FakeLmStudio fake, HttpServerRequest request) {
                FakeLmStudio.json(request.response(), status, body);
            }
        };
    }

    /** Accept the request and never answer: for timeouts. */
    public static Reply silence() {
        return new Reply() {
            @Override
            void serve(FakeLmStudio fake, HttpServerRequest request) {
                boolean[] finished = { false };
                fake.streamStarted(request.response(), finished);
            }
        };
    }

    /** One of the reference transcripts, chunk by chunk. */
    public static Stream transcript(String fixture) {
        return new Stream(FakeLmStudio.events(FakeLmStudio.fixture(fixture)));
    }

    public static Stream stream(List<String> events) {
        return new Stream(events);
    }

    /** A streamed answer: each event is written and flushed on its own, {@code pace} apart. */
    public static final class Stream extends Reply {
        private final List<String> events;
        private Duration firstDelay = Duration.ZERO;
        private Duration pace = Duration.ofMillis(5);
        private int dieAfter = -1;
        private int stallAfter = -1;

        Stream(List<String> events) {
            this.events = events;
        }

        public Stream firstDelay(Duration delay) {
            this.firstDelay = delay;
            return this;
        }

        public Stream pace(Duration pace) {
            this.pace = pace;
            return this;
        }

        /** Close the connection abruptly after this many events, as a crashing server would. */
        public Stream dieAfter(int events) {
            this.dieAfter = events;
            return this;
        }

        /** Stop sending (but keep the connection open) after this many events. */
        public Stream stallAfter(int events) {
            this.stallAfter = events;
            return this;
        }

        @Override
        void serve(FakeLmStudio fake, HttpServerRequest request) {
            HttpServerResponse response = request.response();
            boolean[] finished = { false };
            fake.streamStarted(response, finished);
            response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
            long delay = Math.max(1, firstDelay.toMillis());
            fake.vertx().setTimer(delay, id -> send(fake, request, response, 0, finished));
        }

        private void send(FakeLmStudio fake, HttpServerRequest request, HttpServerResponse response, int index, boolean[] finished) {
            if (response.closed()) {
                return;
            }
            if (index == dieAfter) {
                finished[0] = true; // the fake hangs up itself: not a client hang-up
                request.connection().close();
                return;
            }
            if (index == stallAfter) {
                return;
            }
            if (index >= events.size()) {
                finished[0] = true;
                fake.streamFinished();
                response.end();
                return;
            }
            response.write("data: " + events.get(index) + "\n\n");
            fake.vertx().setTimer(Math.max(1, pace.toMillis()), id -> send(fake, request, response, index + 1, finished));
        }
    }
}
