package dev.synin.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * One streamed answer in LM Studio's wire format: each {@code data: {...}\n\n} is its own write (Vert.x flushes each
 * write made outside a read), then a finish chunk, a usage chunk and {@code data: [DONE]}. Chunks are due at
 * request time + ttft + seq * gap, so a late timer does not push the following chunks back.
 */
final class PacedAnswer {

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final Directive directive;
    private final long receivedMicros;
    private final int promptTokens;
    private final AtomicLong chunksWritten;
    private final String prefix;
    private int seq;
    private boolean closed;

    PacedAnswer(Vertx vertx, HttpServerResponse response, Directive directive, long receivedMicros, int promptTokens,
            AtomicLong chunksWritten) {
        this.vertx = vertx;
        this.response = response;
        this.directive = directive;
        this.receivedMicros = receivedMicros;
        this.promptTokens = promptTokens;
        this.chunksWritten = chunksWritten;
        this.prefix = "data: {\"id\":\"chatcmpl-bench" + directive.tag() + "\",\"object\":\"chat.completion.chunk\",\"created\":"
                + System.currentTimeMillis() / 1000 + ",\"model\":\"" + FakeUpstream.MODEL + "\",\"system_fingerprint\":\""
                + FakeUpstream.MODEL + "\",\"choices\":[";
    }

    void start() {
        response.closeHandler(v -> closed = true);
        next();
    }

    private void next() {
        while (!closed) {
            if (seq == directive.tokens()) {
                finish();
                return;
            }
            long dueMicros = receivedMicros + directive.ttftMicros() + seq * directive.gapMicros();
            long waitMicros = dueMicros - BenchClock.micros();
            if (waitMicros >= 500) {
                // Vert.x timers take whole milliseconds; the NIO selector rounds up as well.
                vertx.setTimer(TimeUnit.MICROSECONDS.toMillis(waitMicros + 500), id -> next());
                return;
            }
            write(seq);
            seq++;
        }
    }

    private void write(int index) {
        String content = new Marker(directive.tag(), index, BenchClock.micros(), receivedMicros).content(directive.chunkChars());
        String delta = index == 0 ? "{\"role\":\"assistant\",\"content\":\"" + content + "\"}" : "{\"content\":\"" + content + "\"}";
        response.write(Buffer.buffer(prefix + "{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":null}]}\n\n"));
        chunksWritten.incrementAndGet();
    }

    private void finish() {
        response.write(Buffer.buffer(prefix + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"));
        response.write(Buffer.buffer(prefix + "],\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":"
                + directive.tokens() + ",\"total_tokens\":" + (promptTokens + directive.tokens()) + "}}\n\n"));
        response.end(Buffer.buffer("data: [DONE]\n\n"));
    }
}
