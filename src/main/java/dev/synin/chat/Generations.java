package dev.synin.chat;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import dev.synin.conversation.MessageStatus;
import dev.synin.conversation.MessageView;
import dev.synin.error.ApiError;
import dev.synin.limits.GenerationSlot;
import dev.synin.lmstudio.AnswerStreams;
import dev.synin.lmstudio.UpstreamErrors;
import dev.synin.lmstudio.dto.ChatCompletionRequest;
import dev.synin.ops.ChatMetrics;
import dev.synin.ops.RequestCorrelation;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * Runs generations: plans the turn, opens the upstream answer, and when a generation ends stores it, sends its final
 * event, keeps it for a short retention and lets it go. Also decides when an answer nobody watches is abandoned.
 */
@ApplicationScoped
public class Generations implements Generation.Owner {

    private final TurnPlanner planner;
    private final AnswerStreams streams;
    private final UpstreamErrors errors;
    private final AnswerStore store;
    private final AnswerFrames frames;
    private final GenerationRegistry registry;
    private final ReplicaBus bus;
    private final ChatMetrics metrics;
    private final ChatConfig config;
    private final Vertx vertx;
    private final TitleWriter titles;

    Generations(TurnPlanner planner, AnswerStreams streams, UpstreamErrors errors, AnswerStore store, AnswerFrames frames,
            GenerationRegistry registry, ReplicaBus bus, ChatMetrics metrics, ChatConfig config, Vertx vertx, TitleWriter titles) {
        this.titles = titles;
        this.planner = planner;
        this.streams = streams;
        this.errors = errors;
        this.store = store;
        this.frames = frames;
        this.registry = registry;
        this.bus = bus;
        this.metrics = metrics;
        this.config = config;
        this.vertx = vertx;
    }

    /**
     * Starts generating the answer of a turn whose question is being stored meanwhile: the upstream reads the prompt
     * while the database commits. Call {@link #stored} or {@link #abort} once that is done; nobody can follow the
     * answer before (and the first token reaches nobody before the question is safe).
     */
    Generation start(PreparedTurn turn, GenerationSlot slot, boolean followedByRequest, String firstQuestion) {
        Generation generation = new Generation(turn, frames, this, slot, RequestCorrelation.current());
        generation.firstQuestion(firstQuestion);
        if (followedByRequest) {
            generation.holdForFirstSubscriber();
        }
        planner.plan(turn).subscribe().with(planned -> {
            generation.started(planned.turn(), planned.droppedMessages());
            PreparedTurn sent = planned.turn();
            if (!generation.isEnded()) {
                ChatCompletionRequest request = request(sent);
                generation.attach(streams.open(planned.askProgress() ? request.withProgress() : request, generation));
            }
        }, failure -> generation.failBeforeStart(errors.translate(failure)));
        return generation;
    }

    private static ChatCompletionRequest request(PreparedTurn turn) {
        ChatCompletionRequest request = ChatCompletionRequest.streaming(turn.model(), turn.history(), turn.temperature(), turn.maxTokens());
        dev.synin.conversation.Sampling s = turn.sampling();
        return s == null ? request : request.sampling(s.topP(), s.topK(), s.minP(), s.repeatPenalty(), s.seed(),
                s.stop() == null || s.stop().isEmpty() ? null : s.stop());
    }

    /** The question and the answer's row are committed: the generation can be found, followed and stopped. */
    void stored(Generation generation) {
        registry.register(generation);
        generation.markStored();
    }

    /** Storing the question failed (the request gets that error): close the upstream, store nothing. */
    void abort(Generation generation) {
        generation.abort();
        generation.releaseSlot();
    }

    @Override
    public void ended(Generation generation, FinalAnswer answer) {
        // The row the answer is stored in must exist first; an aborted turn has nothing to store.
        registry.storing(generation.questionStored().thenCompose(stored -> stored ? store(generation, answer)
                : java.util.concurrent.CompletableFuture.completedFuture(null)));
    }

    private java.util.concurrent.CompletionStage<Void> store(Generation generation, FinalAnswer answer) {
        registry.ended(generation);
        logEnd(generation, answer);
        // Off the event loop: the slot's release and the store both block. The slot is free before the final event,
        // so a client that asks again right after it is not refused.
        boolean serverWasDown = answer.error() != null && answer.ttftMs() == null && errors.wasDown(answer.error());
        Uni<Void> released = Uni.createFrom().voidItem().emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(serverWasDown ? generation::refundSlot : generation::releaseSlot);
        return released.chain(() -> store.store(generation.turn(), answer)).subscribeAsCompletionStage().thenRun(() -> {
            generation.close(answer, lastEvent(answer));
            if (generation.firstQuestion() != null) {
                titles.firstAnswerStored(generation.turn(), generation.firstQuestion(), answer);
            }
            bus.ended(generation.answerId());
            vertx.setTimer(config.answerRetention().toMillis(), id -> registry.forget(generation));
        });
    }

    private static AnswerEvent lastEvent(FinalAnswer answer) {
        if (answer.error() != null) {
            return new AnswerEvent.Failed(ApiError.of(answer.error()));
        }
        return new AnswerEvent.Done(answer.status().wire(), answer.finishReason(),
                new MessageView.UsageView(answer.promptTokens(), answer.completionTokens()),
                MessageView.TimingsView.of(answer.ttftMs(), answer.durationMs(), answer.completionTokens()), answer.reason());
    }

    @Override
    public void unwatched(Generation generation) {
        long after = config.abandonAfter().toMillis();
        if (after <= 0) {
            abandonIfUnwatched(generation);
        } else {
            vertx.setTimer(after, id -> abandonIfUnwatched(generation));
        }
    }

    private void abandonIfUnwatched(Generation generation) {
        if (generation.isEnded() || generation.watched()) {
            return;
        }
        bus.watchedElsewhere(generation.answerId()).subscribe().with(elsewhere -> {
            if (elsewhere) {
                unwatched(generation); // look again later
            } else if (!generation.watched()) {
                Log.infof("Nobody follows answer %s any more; stopping it (SYNIN_CHAT_ABANDON_AFTER=%s)", generation.answerId(),
                        config.abandonAfter());
                generation.interrupt("Nobody was following this answer any more, so Synin stopped it. What arrived is kept.");
            }
        });
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> relayed(Generation generation, AnswerFrames.Frame frame) {
        if (frame.name().equals("delta") || frame.name().equals("reasoning")) {
            metrics.chunkRelayed();
        }
        return bus.publish(generation.answerId(), frame);
    }

    @Override
    public boolean shuttingDown() {
        return registry.isShuttingDown();
    }

    /** One line per answer with its timings; contents only with SYNIN_CHAT_LOG_MESSAGE_CONTENTS=true. */
    private void logEnd(Generation generation, FinalAnswer answer) {
        metrics.answerEnded(answer.status().wire());
        if (answer.ttftMs() != null) {
            metrics.firstToken(answer.ttftMs());
        }
        if (answer.error() != null) {
            metrics.upstreamError(answer.error().errorCode().code());
        }
        PreparedTurn turn = generation.turn();
        String contents = "";
        if (config.logMessageContents()) {
            String question = turn.history().isEmpty() ? "" : turn.history().get(turn.history().size() - 1).content();
            contents = " question=" + quoted(question) + " answer=" + quoted(answer.content());
        }
        Log.infof("chat requestId=%s conversation=%s model=%s status=%s ttftMs=%s tokens=%s chunks=%d durationMs=%d%s%s",
                generation.requestId(), turn.conversationId(), answer.model(), answer.status().wire(), answer.ttftMs(),
                answer.completionTokens(), generation.textChunks(), answer.durationMs(),
                answer.error() == null ? "" : " error=" + answer.error().errorCode().code(), contents);
        if (answer.status() == MessageStatus.ERROR && answer.error().errorCode().status() >= 500) {
            Log.warnf("Answer %s in conversation %s failed: %s", generation.answerId(), turn.conversationId(), answer.error().getMessage());
        }
    }

    private static String quoted(String text) {
        String shortened = text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(shortened)) + "\"";
    }
}
