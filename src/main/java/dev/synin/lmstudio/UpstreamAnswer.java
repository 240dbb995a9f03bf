package dev.synin.lmstudio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One streaming answer, from the server to one {@link AnswerListener}: opens the call (guarded by the client's retry,
 * breaker and first-token timeout), decodes every event into typed pieces, is checked for idle gaps by
 * {@link AnswerStreams}, and ends exactly once. An answer ends as {@code FINISHED} only when the server said so
 * ({@code [DONE]} or a {@code finish_reason}); a connection that merely closes is {@code CUT_OFF}. Its events arrive
 * on one Vert.x context; an ending decided elsewhere (Stop on a worker thread, the idle timer on another event loop)
 * is moved onto that context, so the decoder, which is not thread-safe, is only ever used from one thread.
 */
public final class UpstreamAnswer {

    private final AnswerListener listener;
    private final AnswerDecoder decoder;
    private final AnswerStreams streams;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final List<Cancellable> subscriptions = new ArrayList<>(2);
    /** When the last upstream event arrived, for the idle check; 0 until the first chunk. */
    private volatile long lastEventNanos;
    /** The context the server's events are delivered on, once the answer has started to arrive. */
    private volatile Context eventContext;
    private String finishReason;
    private String model;

    UpstreamAnswer(AnswerListener listener, AnswerDecoder decoder, AnswerStreams streams) {
        this.listener = listener;
        this.decoder = decoder;
        this.streams = streams;
    }

    void start(Uni<UpstreamStream> opening) {
        keep(opening.subscribe().with(this::relay, failure -> fail(streams.errors().translate(failure))));
    }

    /** Closes the connection (LM Studio stops generating) and ends the answer as {@code CANCELLED}. */
    public void cancel() {
        endOnEventContext(new UpstreamEnding(UpstreamEnding.Kind.CANCELLED, null, model, null));
    }

    private void relay(UpstreamStream stream) {
        eventContext = Vertx.currentContext();
        lastEventNanos = System.nanoTime();
        keep(stream.events().subscribe().with(this::onEvent, failure -> fail(streams.errors().translate(failure)), this::connectionEnded));
    }

    private void onEvent(String data) {
        lastEventNanos = System.nanoTime();
        if (ended.get()) {
            return;
        }
        AnswerDecoder.Piece piece;
        try {
            piece = decoder.decode(data);
        } catch (JsonProcessingException e) {
            fail(streams.errors().malformed(e));
            return;
        }
        if (piece.error() != null) {
            // Whatever follows an error chunk (often [DONE]) does not make the answer complete.
            fail(new UpstreamFailure(ErrorCode.UPSTREAM_ERROR, "LM Studio reported an error in the middle of the answer: " + piece.error(), null));
            return;
        }
        if (piece.done()) {
            end(new UpstreamEnding(UpstreamEnding.Kind.FINISHED, finishReason != null ? finishReason : "stop", model, null));
            return;
        }
        if (piece.model() != null) {
            model = piece.model();
        }
        if (!piece.reasoning().isEmpty() || !piece.content().isEmpty()) {
            listener.onText(piece.reasoning(), piece.content());
        }
        if (piece.finishReason() != null) {
            finishReason = piece.finishReason();
        }
        if (piece.usage() != null) {
            listener.onUsage(piece.usage());
        }
        if (piece.progress() != null && piece.progress().total() != null && piece.progress().processed() != null
                && piece.progress().total() > 0) {
            listener.onProgress(piece.progress().processed(), piece.progress().total());
        }
        if (piece.timings() != null) {
            listener.onTimings(piece.timings());
        }
    }

    private void connectionEnded() {
        if (finishReason != null) {
            end(new UpstreamEnding(UpstreamEnding.Kind.FINISHED, finishReason, model, null));
        } else {
            end(new UpstreamEnding(UpstreamEnding.Kind.CUT_OFF, null, model, null));
        }
    }

    private void fail(ApiException error) {
        end(UpstreamEnding.failed(error, model));
    }

    /** Ends the answer if the server has been silent mid-answer for longer than {@code idleNanos}. */
    void checkIdle(long nowNanos, long idleNanos, String idleText) {
        long last = lastEventNanos;
        if (last != 0 && !ended.get() && nowNanos - last > idleNanos) {
            endOnEventContext(UpstreamEnding.failed(streams.errors().timeout(idleText, null), model));
        }
    }

    private void endOnEventContext(UpstreamEnding ending) {
        Context context = eventContext;
        if (context == null || Vertx.currentContext() == context) {
            end(ending);
        } else {
            context.runOnContext(ignored -> end(ending));
        }
    }

    private void end(UpstreamEnding ending) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        streams.forget(this);
        if (ending.kind() == UpstreamEnding.Kind.FINISHED) {
            // After [DONE] the server ends the response itself, leaving the connection reusable: close it only if it lingers.
            streams.later(this::closeConnection);
        } else {
            closeConnection();
        }
        try {
            ThinkTagSplitter.Split held = decoder.flush();
            if (!held.reasoning().isEmpty() || !held.content().isEmpty()) {
                listener.onText(held.reasoning(), held.content());
            }
        } finally {
            listener.onEnd(ending); // whatever happened above, the answer must end, or its subscribers wait forever
        }
    }

    /**
     * Every subscription of the chain (open, relay) is kept: callbacks may run before {@code subscribe()} returns, so
     * "the current one" is ill-defined, and cancelling a finished one is harmless.
     */
    private synchronized void keep(Cancellable subscription) {
        if (ended.get()) {
            subscription.cancel();
        } else {
            subscriptions.add(subscription);
        }
    }

    private synchronized void closeConnection() {
        subscriptions.forEach(Cancellable::cancel);
        subscriptions.clear();
    }
}
