package dev.synin.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.synin.conversation.MessageStatus;
import dev.synin.conversation.MessageView;
import dev.synin.error.ApiError;
import dev.synin.error.ApiException;
import dev.synin.limits.GenerationSlot;
import dev.synin.lmstudio.AnswerDecoder;
import dev.synin.lmstudio.ThinkTagSplitter;
import dev.synin.lmstudio.UpstreamStream;
import dev.synin.lmstudio.dto.ChatCompletionRequest;
import dev.synin.lmstudio.dto.Usage;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Relays one streaming answer from LM Studio to one browser: every upstream chunk leaves as its own event the
 * moment it arrives. The answer is stored once, when it ends, whichever way it ends: finished, Stop, the browser
 * leaving, LM Studio failing or going quiet, Synin shutting down. Ending always closes the upstream connection,
 * which is what makes LM Studio stop generating.
 */
final class AnswerRelay implements GenerationRegistry.Running {

    /** A running answer whose row has not been refreshed for this long belongs to a replica that died. */
    static final Duration ASSUMED_DEAD_AFTER = Duration.ofSeconds(30);

    private volatile PreparedTurn turn;
    private final AnswerRelays deps;
    private final Sse sse;
    private final AnswerDecoder decoder;

    private final StringBuilder content = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long startNanos = System.nanoTime();
    private volatile long firstTokenNanos;
    private volatile String finishReason;
    private volatile Usage usage;
    private volatile String upstreamModel;
    private volatile int textChunks;
    /** When the last upstream event arrived; read by the idle watchdog. */
    private volatile long lastEventNanos;
    private volatile boolean relaying;
    private final List<Cancellable> upstream = new ArrayList<>(3);
    private MultiEmitter<? super OutboundSseEvent> browser;

    private static final int STORE_ATTEMPTS = 8;
    private static final Duration LINGER_AFTER_DONE = Duration.ofSeconds(2);

    private final GenerationSlot slot;
    private final String requestId;
    private final java.util.concurrent.CompletableFuture<Void> stored = new java.util.concurrent.CompletableFuture<>();

    AnswerRelay(PreparedTurn turn, AnswerRelays deps, Sse sse, GenerationSlot slot, String requestId) {
        this.turn = turn;
        this.deps = deps;
        this.sse = sse;
        this.slot = slot;
        this.requestId = requestId;
        this.decoder = new AnswerDecoder(deps.json());
    }

    Multi<OutboundSseEvent> events() {
        return Multi.createFrom().emitter(emitter -> {
            browser = emitter;
            // Cancellation means the browser went away (tab closed, network lost): keep what has arrived.
            emitter.onTermination(() -> end(MessageStatus.INTERRUPTED, null));
            start();
        });
    }

    private void start() {
        deps.registry().register(turn.conversationId(), this);
        setUpstream(deps.planner().plan(turn).subscribe().with(this::open, failure -> {
            sendStart(0);
            fail(failure);
        }));
    }

    private void open(TurnPlanner.Planned planned) {
        turn = planned.turn();
        sendStart(planned.droppedMessages());
        ChatCompletionRequest request = ChatCompletionRequest.streaming(turn.model(), turn.history(), turn.temperature(), turn.maxTokens());
        setUpstream(deps.client().openStream(request).subscribe().with(this::relay, this::fail));
    }

    private void sendStart(int droppedMessages) {
        send("start", new StreamPayloads.Start(turn.conversationId(), turn.userMessageId(), turn.assistantMessageId(),
                turn.model(), droppedMessages > 0, droppedMessages));
    }

    private void relay(UpstreamStream stream) {
        lastEventNanos = System.nanoTime();
        relaying = true;
        setUpstream(stream.events().subscribe().with(this::onEvent, this::fail, this::finish));
    }

    /**
     * Called by {@link IdleWatchdog} about once a second. A per-chunk timer (Mutiny's {@code ifNoItem}) costs a
     * schedule and a cancel for every chunk; comparing one timestamp here costs nothing on the hot path.
     */
    @Override
    public void checkIdle(long nowNanos) {
        Duration idle = deps.config().idleTimeout();
        if (relaying && !ended.get() && nowNanos - lastEventNanos > idle.toNanos()) {
            fail(deps.errors().timeout("LM Studio went quiet for " + idle.toSeconds() + " s in the middle of the answer.", null));
        }
    }

    /**
     * Every subscription of the chain (plan, open, relay) is kept: callbacks may run before {@code subscribe()}
     * returns, so "the current one" is ill-defined, and cancelling a finished one is harmless.
     */
    private synchronized void setUpstream(Cancellable subscription) {
        if (ended.get()) {
            subscription.cancel();
        } else {
            upstream.add(subscription);
        }
    }

    private synchronized void cancelUpstream() {
        upstream.forEach(Cancellable::cancel);
        upstream.clear();
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
            fail(deps.errors().malformed(e));
            return;
        }
        if (piece.done()) {
            finish();
            return;
        }
        if (piece.model() != null) {
            upstreamModel = piece.model();
        }
        appendAndSend(piece.reasoning(), piece.content());
        if (piece.finishReason() != null) {
            finishReason = piece.finishReason();
        }
        if (piece.usage() != null) {
            usage = piece.usage();
            send("usage", usageView());
        }
    }

    private void appendAndSend(String reasoningText, String contentText) {
        if (reasoningText.isEmpty() && contentText.isEmpty()) {
            return;
        }
        if (firstTokenNanos == 0) {
            firstTokenNanos = System.nanoTime();
            deps.metrics().firstToken((firstTokenNanos - startNanos) / 1_000_000);
        }
        textChunks++;
        deps.metrics().chunkRelayed();
        synchronized (content) {
            reasoning.append(reasoningText);
            content.append(contentText);
        }
        if (!reasoningText.isEmpty()) {
            sendText("reasoning", reasoningText);
        }
        if (!contentText.isEmpty()) {
            sendText("delta", contentText);
        }
    }

    private void finish() {
        ThinkTagSplitter.Split rest = decoder.flush();
        appendAndSend(rest.reasoning(), rest.content());
        end(MessageStatus.COMPLETE, null);
    }

    private void fail(Throwable failure) {
        ApiException error = deps.errors().translate(failure);
        if (deps.registry().isShuttingDown()) {
            end(MessageStatus.INTERRUPTED, error); // the connection was cut because Synin is stopping
            return;
        }
        if (error.errorCode().status() >= 500) {
            Log.warnf("Answer %s in conversation %s failed: %s", turn.assistantMessageId(), turn.conversationId(), error.getMessage());
        }
        end(MessageStatus.ERROR, error);
    }

    @Override
    public void stop() {
        end(MessageStatus.STOPPED, null);
    }

    @Override
    public void interrupt() {
        end(MessageStatus.INTERRUPTED, null);
        try {
            stored.get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            Log.warnf("Answer %s may not have been stored before shutdown: %s", turn.assistantMessageId(), e.toString());
        }
    }

    /** Runs once: closes the upstream, stores the answer off the event loop, then tells the browser. */
    private void end(MessageStatus status, ApiException error) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (status == MessageStatus.COMPLETE) {
            // After [DONE] the server ends the response by itself, leaving the connection reusable; close it only
            // if it lingers.
            deps.vertx().setTimer(LINGER_AFTER_DONE.toMillis(), id -> cancelUpstream());
        } else {
            cancelUpstream();
        }
        deps.registry().storing(stored);
        deps.registry().remove(turn.conversationId(), this);
        slot.release();
        FinalAnswer answer = snapshot(status, error);
        logEnd(answer);
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            store(answer);
            if (error != null) {
                send("error", ApiError.of(error).error());
            } else {
                send("done", new StreamPayloads.Done(status.wire(), answer.finishReason(), usageView(),
                        MessageView.TimingsView.of(answer.ttftMs(), answer.durationMs(), answer.completionTokens())));
            }
            if (!browser.isCancelled()) {
                browser.complete();
            }
        });
    }

    /**
     * Stores the answer, retrying for a while if the database is briefly away (a failover, a restart): the text
     * exists only in this process until it is written.
     */
    private void store(FinalAnswer answer) {
        long backoffMs = 250;
        for (int attempt = 1; ; attempt++) {
            try {
                deps.chat().finishAnswer(turn, answer);
                stored.complete(null);
                return;
            } catch (RuntimeException e) {
                if (attempt >= STORE_ATTEMPTS) {
                    Log.errorf(e, "Could not store the answer %s of conversation %s after %d attempts",
                            turn.assistantMessageId(), turn.conversationId(), attempt);
                    stored.complete(null);
                    return;
                }
                Log.warnf("Storing answer %s failed (%s); retrying in %d ms", turn.assistantMessageId(), e.getMessage(), backoffMs);
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    stored.complete(null);
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 4000);
            }
        }
    }

    /** One line per answer with its timings; message contents never go to the log. */
    private void logEnd(FinalAnswer answer) {
        deps.metrics().answerEnded(answer.status().wire());
        if (answer.error() != null) {
            deps.metrics().upstreamError(answer.error().errorCode().code());
        }
        String contents = "";
        if (deps.chatConfig().logMessageContents()) {
            String question = turn.history().isEmpty() ? "" : turn.history().get(turn.history().size() - 1).content();
            contents = " question=" + quoted(question) + " answer=" + quoted(answer.content());
        }
        Log.infof("chat requestId=%s conversation=%s model=%s status=%s ttftMs=%s tokens=%s chunks=%d durationMs=%d%s%s",
                requestId, turn.conversationId(), answer.model(), answer.status().wire(), answer.ttftMs(), answer.completionTokens(),
                textChunks, answer.durationMs(), answer.error() == null ? "" : " error=" + answer.error().errorCode().code(), contents);
    }

    private static String quoted(String text) {
        String shortened = text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
        return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(shortened)) + "\"";
    }

    private FinalAnswer snapshot(MessageStatus status, ApiException error) {
        long now = System.nanoTime();
        Long ttft = firstTokenNanos == 0 ? null : (firstTokenNanos - startNanos) / 1_000_000;
        String text;
        String thinking;
        synchronized (content) {
            text = content.toString();
            thinking = reasoning.toString();
        }
        Integer completionTokens = usage != null && usage.completionTokens() != null ? usage.completionTokens()
                : textChunks > 0 ? textChunks : null;
        String finish = status == MessageStatus.COMPLETE ? (finishReason != null ? finishReason : "stop") : status.wire();
        return new FinalAnswer(status, text, thinking, upstreamModel != null ? upstreamModel : turn.model(), finish,
                usage == null ? null : usage.promptTokens(), completionTokens, ttft, (now - startNanos) / 1_000_000, error);
    }

    private MessageView.UsageView usageView() {
        Usage u = usage;
        return new MessageView.UsageView(u == null ? null : u.promptTokens(),
                u != null && u.completionTokens() != null ? u.completionTokens() : textChunks);
    }

    /** The text so far, for {@link PartialAnswerFlusher}; {@code null} once the answer has ended. */
    @Override
    public GenerationRegistry.PartialAnswer partial() {
        if (ended.get()) {
            return null;
        }
        synchronized (content) {
            return new GenerationRegistry.PartialAnswer(turn.assistantMessageId(), content.toString(), reasoning.toString());
        }
    }

    private void sendText(String name, String text) {
        MultiEmitter<? super OutboundSseEvent> emitter = browser;
        if (emitter != null && !emitter.isCancelled()) {
            emitter.emit(deps.events().text(sse, name, text));
        }
    }

    private void send(String name, Object payload) {
        MultiEmitter<? super OutboundSseEvent> emitter = browser;
        if (emitter != null && !emitter.isCancelled()) {
            emitter.emit(deps.events().event(sse, name, payload));
        }
    }
}
