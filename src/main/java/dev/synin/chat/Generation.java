package dev.synin.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.sse.OutboundSseEvent;

import dev.synin.conversation.MessageStatus;
import dev.synin.error.ApiException;
import dev.synin.limits.GenerationSlot;
import dev.synin.lmstudio.AnswerListener;
import dev.synin.lmstudio.ServerTimings;
import dev.synin.lmstudio.UpstreamAnswer;
import dev.synin.lmstudio.UpstreamEnding;
import dev.synin.lmstudio.dto.Usage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One answer being generated, as a server-side object with its own lifetime: it outlives the request that started
 * it. It numbers every event, keeps them in its {@link AnswerLog}, and sends each to every subscriber (the request
 * that started it, other tabs, resumed pages). Only Stop, Delete, abandonment or shutdown end it early; a subscriber
 * leaving does not. Its {@link Owner} stores the answer when it ends; the final event follows the stored answer.
 */
final class Generation implements AnswerListener {

    /** What the service that runs generations does for one. */
    interface Owner {
        /** The answer ended: store it, then {@link #close(AnswerEvent)} with the final event. */
        void ended(Generation generation, FinalAnswer answer);

        /** The last subscriber left while the answer is still being generated. */
        void unwatched(Generation generation);

        /** An event to share with the other replicas; completes when this replica's subscribers may be sent it. */
        java.util.concurrent.CompletionStage<Void> relayed(Generation generation, AnswerFrames.Frame frame);

        boolean shuttingDown();
    }

    static final String SHUTDOWN_REASON = "Synin was restarting, so this answer was cut short. What arrived is kept.";

    private final UUID conversationId;
    private final UUID answerId;
    private final AnswerLog log;
    private final Owner owner;
    private final String requestId;
    private final List<MultiEmitter<? super OutboundSseEvent>> subscribers = new ArrayList<>(2);
    /** Events recorded but not sent to the subscribers yet (waiting for their copy on the replica bus). */
    private final java.util.ArrayDeque<AnswerFrames.Frame> undelivered = new java.util.ArrayDeque<>();
    private long deliveredSeq;
    /** The highest event whose copy on the replica bus is made (or not needed). */
    private long relayedSeq;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<FinalAnswer> outcome = new CompletableFuture<>();
    /** Completes {@code true} once the question and the answer's row are committed, {@code false} if that failed. */
    private final CompletableFuture<Boolean> questionStored = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();
    private volatile PreparedTurn turn;
    private volatile UpstreamAnswer upstream;
    private volatile MessageStatus requestedStatus;
    private volatile String requestedReason;
    private volatile long firstTokenNanos;
    private volatile Usage usage;
    private volatile ServerTimings serverTimings;
    private volatile boolean pinned;
    /**
     * The request that started the answer subscribes only once it is returned, after the question is stored: its
     * events wait for it, so that it gets each of them as it came instead of the first ones merged into one.
     */
    private boolean holdForFirstSubscriber;
    private volatile int droppedMessages;
    private int textChunks;
    /** A continued answer's earlier text has been sent as its first events (after that, the log holds it). */
    private boolean continuationSent;

    private final GenerationSlot slot;
    /** A new conversation's first question (its title may be written from it); {@code null} for a later turn. */
    private volatile String firstQuestion;

    Generation(PreparedTurn turn, AnswerFrames frames, Owner owner, GenerationSlot slot, String requestId) {
        this.turn = turn;
        this.slot = slot;
        this.conversationId = turn.conversationId();
        this.answerId = turn.assistantMessageId();
        this.log = new AnswerLog(answerId, frames);
        this.owner = owner;
        this.requestId = requestId;
    }

    void firstQuestion(String question) {
        firstQuestion = question;
    }

    String firstQuestion() {
        return firstQuestion;
    }

    UUID conversationId() {
        return conversationId;
    }

    UUID answerId() {
        return answerId;
    }

    PreparedTurn turn() {
        return turn;
    }

    boolean hasFirstToken() {
        return firstTokenNanos != 0;
    }

    /** Old messages left out of the prompt to fit the model's context. */
    int droppedMessages() {
        return droppedMessages;
    }

    String requestId() {
        return requestId;
    }

    boolean isEnded() {
        return ended.get();
    }

    /** See {@link #questionStored}: the answer can be stored only after its row exists. */
    CompletableFuture<Boolean> questionStored() {
        return questionStored;
    }

    /** The question is committed: from now on the answer can be followed and stored. */
    void markStored() {
        questionStored.complete(true);
        deliverUpTo(relayedSeq);
    }

    /** Storing the question failed: drop the answer silently and close the upstream; the request gets the error. */
    void abort() {
        ended.set(true);
        questionStored.complete(false);
        UpstreamAnswer open = upstream;
        if (open != null) {
            open.cancel();
        }
    }

    boolean isStored() {
        return Boolean.TRUE.equals(questionStored.getNow(false));
    }

    /** The stored answer, once the final event has been sent. */
    CompletableFuture<FinalAnswer> outcome() {
        return outcome;
    }

    /** The planned turn is known: tell the subscribers which messages this is. */
    void started(PreparedTurn planned, int droppedMessages) {
        turn = planned;
        this.droppedMessages = droppedMessages;
        PreparedTurn.Continuation continuation = planned.continuation();
        synchronized (this) {
            publish(new AnswerEvent.Started(conversationId, planned.userMessageId(), answerId, planned.model(),
                    droppedMessages > 0, droppedMessages, continuation != null));
            if (continuation != null) {
                // The text so far, as if it had just arrived: every subscriber (and every replay) then has the whole answer.
                if (!continuation.reasoning().isEmpty()) {
                    publish(new AnswerEvent.Reasoning(continuation.reasoning()));
                }
                publish(new AnswerEvent.Delta(continuation.content()));
                continuationSent = true;
            }
        }
    }

    /** The answer's text so far; a continued answer's earlier text included even before it was sent. */
    private String contentSoFar() {
        PreparedTurn.Continuation continuation = turn.continuation();
        return continuation == null || continuationSent ? log.content() : continuation.content() + log.content();
    }

    private String reasoningSoFar() {
        PreparedTurn.Continuation continuation = turn.continuation();
        return continuation == null || continuationSent ? log.reasoning() : continuation.reasoning() + log.reasoning();
    }

    /** The upstream call is open; a Stop that came first closes it at once. */
    void attach(UpstreamAnswer answer) {
        upstream = answer;
        if (ended.get() || requestedStatus != null) {
            answer.cancel();
        }
    }

    /** Ends the answer before it started (the turn could not be planned). */
    void failBeforeStart(ApiException error) {
        started(turn, 0);
        finish(MessageStatus.ERROR, error, null, null, null);
    }

    @Override
    public void onText(String reasoning, String content) {
        if (ended.get()) {
            return;
        }
        if (firstTokenNanos == 0) {
            firstTokenNanos = System.nanoTime();
        }
        synchronized (this) {
            textChunks++;
            if (!reasoning.isEmpty()) {
                publish(new AnswerEvent.Reasoning(reasoning));
            }
            if (!content.isEmpty()) {
                publish(new AnswerEvent.Delta(content));
            }
        }
    }

    @Override
    public void onProgress(int processed, int total) {
        if (!ended.get() && firstTokenNanos == 0) {
            publish(new AnswerEvent.Progress(processed, total));
        }
    }

    @Override
    public void onUsage(Usage counts) {
        usage = counts;
        publish(new AnswerEvent.Usage(counts.promptTokens(), counts.completionTokens()));
    }

    @Override
    public void onTimings(ServerTimings timings) {
        serverTimings = timings;
    }

    @Override
    public void onEnd(UpstreamEnding ending) {
        switch (ending.kind()) {
            case FINISHED -> finish(MessageStatus.COMPLETE, null, null, ending.finishReason(), ending.model());
            case CUT_OFF -> finish(MessageStatus.INTERRUPTED, null,
                    "The server closed the connection before the answer was finished.", null, ending.model());
            case FAILED -> {
                if (owner.shuttingDown()) {
                    finish(MessageStatus.INTERRUPTED, null, SHUTDOWN_REASON, null, ending.model());
                } else {
                    finish(MessageStatus.ERROR, ending.error(), null, null, ending.model());
                }
            }
            case CANCELLED -> finish(requestedStatus != null ? requestedStatus : MessageStatus.INTERRUPTED, null,
                    requestedReason, null, ending.model());
        }
    }

    /** The user pressed Stop (on any replica) or deleted the conversation. */
    void stop() {
        request(MessageStatus.STOPPED, null);
    }

    /** Ends the answer as interrupted, keeping what has arrived: nobody watches it, or Synin is shutting down. */
    void interrupt(String reason) {
        request(MessageStatus.INTERRUPTED, reason);
    }

    private void request(MessageStatus status, String reason) {
        if (ended.get() || requestedStatus != null) {
            return;
        }
        requestedReason = reason;
        requestedStatus = status;
        UpstreamAnswer open = upstream;
        if (open != null) {
            open.cancel(); // ends through onEnd(CANCELLED)
        } else {
            finish(status, null, reason, null, null);
        }
    }

    private void finish(MessageStatus status, ApiException error, String reason, String finishReason, String model) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        long now = System.nanoTime();
        Long ttft = firstTokenNanos == 0 ? null : (firstTokenNanos - startNanos) / 1_000_000;
        Usage counts = usage;
        String content;
        String reasoning;
        int chunks;
        synchronized (this) {
            content = contentSoFar();
            reasoning = reasoningSoFar();
            chunks = textChunks;
        }
        String finish = status == MessageStatus.COMPLETE ? finishReason : status.wire();
        owner.ended(this, new FinalAnswer(status, content, reasoning, model != null ? model : turn.model(), finish,
                counts == null ? null : counts.promptTokens(), counts == null ? null : counts.completionTokens(),
                ttft, (now - startNanos) / 1_000_000, error, reason, counts == null ? null : counts.cachedPromptTokens(),
                serverTimings, chunks));
    }

    /** Gives the user's concurrency slot back (a blocking call when the limits live in Redis). */
    void releaseSlot() {
        slot.release();
    }

    /** Gives the slot back and the chat to the user's minute count: the server was down, the user got nothing. */
    void refundSlot() {
        slot.refund();
    }

    /** The answer is stored: send the final event and end every subscription. */
    void close(FinalAnswer stored, AnswerEvent last) {
        publish(last);
        outcome.complete(stored);
    }

    /** Records the event, copies it for the other replicas and, once that copy is made, sends it to the subscribers. */
    private synchronized void publish(AnswerEvent event) {
        if (log.ended()) {
            return;
        }
        AnswerFrames.Frame frame = log.append(event);
        undelivered.add(frame);
        // Inside the lock, so the copies are made in the order of the events (Redis refuses an entry id lower than the last).
        owner.relayed(this, frame).whenComplete((ignored, failure) -> deliverUpTo(frame.seq()));
    }

    /**
     * Sends the subscribers every event up to {@code seq}, in order (copies may complete out of order), once the
     * question is stored: the events that came before (the first tokens, while the question was committed) then go
     * out one by one as they came.
     */
    private synchronized void deliverUpTo(long seq) {
        relayedSeq = Math.max(relayedSeq, seq);
        if (!isStored() || holdForFirstSubscriber) {
            return;
        }
        while (!undelivered.isEmpty() && undelivered.peekFirst().seq() <= relayedSeq) {
            AnswerFrames.Frame frame = undelivered.pollFirst();
            deliveredSeq = frame.seq();
            for (MultiEmitter<? super OutboundSseEvent> subscriber : subscribers) {
                subscriber.emit(frame.sse());
            }
            if (frame.name().equals("done") || frame.name().equals("error")) {
                List<MultiEmitter<? super OutboundSseEvent>> done = List.copyOf(subscribers);
                subscribers.clear();
                done.forEach(MultiEmitter::complete);
            }
        }
    }

    /**
     * Everything after event {@code after} of this answer (0: from the start), then the live events until the end.
     * Cancelling the subscription (the client left) does not end the answer.
     */
    Multi<OutboundSseEvent> follow(long after) {
        return Multi.createFrom().emitter(emitter -> {
            synchronized (this) {
                if (holdForFirstSubscriber) {
                    holdForFirstSubscriber = false;
                    subscribers.add(emitter);
                    emitter.onTermination(() -> leave(emitter));
                    deliverUpTo(relayedSeq);
                    return;
                }
                for (AnswerFrames.Frame missed : log.after(after, deliveredSeq)) {
                    emitter.emit(missed.sse());
                }
                if (log.ended() && undelivered.isEmpty()) {
                    emitter.complete();
                    return;
                }
                subscribers.add(emitter);
            }
            emitter.onTermination(() -> leave(emitter));
        });
    }

    private void leave(MultiEmitter<? super OutboundSseEvent> emitter) {
        boolean nobodyLeft;
        synchronized (this) {
            nobodyLeft = subscribers.remove(emitter) && subscribers.isEmpty();
        }
        if (nobodyLeft && !pinned && !ended.get()) {
            owner.unwatched(this);
        }
    }

    /** The request that starts the answer will follow it: hold its events until it subscribes. */
    synchronized void holdForFirstSubscriber() {
        holdForFirstSubscriber = true;
    }

    /** A client waits for the whole answer without subscribing (non-streaming chat): never abandoned. */
    void pin() {
        pinned = true;
    }

    synchronized boolean watched() {
        return pinned || !subscribers.isEmpty();
    }

    synchronized int textChunks() {
        return textChunks;
    }

    /** The text so far, for {@link PartialAnswerFlusher}; {@code null} once the answer has ended. */
    GenerationRegistry.PartialAnswer partial() {
        if (ended.get()) {
            return null;
        }
        synchronized (this) {
            return new GenerationRegistry.PartialAnswer(answerId, contentSoFar(), reasoningSoFar());
        }
    }
}
