package dev.synin.chat;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.synin.conversation.Message;
import dev.synin.conversation.MessageStatus;
import dev.synin.conversation.MessageView;
import dev.synin.error.ApiException;
import dev.synin.lmstudio.AnswerDecoder;
import dev.synin.lmstudio.LmStudioClient;
import dev.synin.lmstudio.ThinkTagSplitter;
import dev.synin.lmstudio.UpstreamErrors;
import dev.synin.lmstudio.dto.ChatCompletion;
import dev.synin.lmstudio.dto.ChatCompletionRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** A whole answer in one response, for API clients that do not stream. Stop works here too. */
@ApplicationScoped
public class BlockingChat {

    private final TurnPlanner planner;
    private final LmStudioClient client;
    private final UpstreamErrors errors;
    private final ChatService chat;
    private final GenerationRegistry registry;

    BlockingChat(TurnPlanner planner, LmStudioClient client, UpstreamErrors errors, ChatService chat, GenerationRegistry registry) {
        this.planner = planner;
        this.client = client;
        this.errors = errors;
        this.chat = chat;
        this.registry = registry;
    }

    ChatResponse answer(PreparedTurn stored) {
        long start = System.nanoTime();
        PreparedTurn turn = stored;
        int dropped = 0;
        MessageStatus[] endedAs = { null };
        CompletableFuture<ChatCompletion> call = null;
        try {
            TurnPlanner.Planned planned = planner.plan(stored).await().indefinitely();
            turn = planned.turn();
            dropped = planned.droppedMessages();
            call = client.complete(ChatCompletionRequest.blocking(turn.model(), turn.history(), turn.temperature(), turn.maxTokens()))
                    .subscribeAsCompletionStage();
            CompletableFuture<ChatCompletion> running = call;
            GenerationRegistry.Running handle = new GenerationRegistry.Running() {
                @Override
                public void stop() {
                    endedAs[0] = MessageStatus.STOPPED;
                    running.cancel(true);
                }

                @Override
                public void interrupt() {
                    endedAs[0] = MessageStatus.INTERRUPTED;
                    running.cancel(true);
                }
            };
            registry.register(turn.conversationId(), handle);
            try {
                ChatCompletion completion = call.get();
                return respond(turn, dropped, completed(turn, completion, start));
            } finally {
                registry.remove(turn.conversationId(), handle);
            }
        } catch (CancellationException stopped) {
            MessageStatus status = endedAs[0] != null ? endedAs[0] : MessageStatus.STOPPED;
            return respond(turn, dropped, ended(turn, status, null, start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (call != null) {
                call.cancel(true);
            }
            respond(turn, dropped, ended(turn, MessageStatus.INTERRUPTED, null, start));
            throw errors.translate(e);
        } catch (ExecutionException | RuntimeException e) {
            ApiException error = errors.translate(e instanceof ExecutionException ? e.getCause() : e);
            respond(turn, dropped, ended(turn, MessageStatus.ERROR, error, start));
            throw error;
        }
    }

    private FinalAnswer completed(PreparedTurn turn, ChatCompletion completion, long start) {
        ChatCompletion.Choice choice = completion.firstChoice();
        ThinkTagSplitter.Split split = AnswerDecoder.splitComplete(choice == null ? null : choice.message());
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new FinalAnswer(MessageStatus.COMPLETE, split.content(), split.reasoning(),
                completion.model() != null ? completion.model() : turn.model(),
                choice != null && choice.finishReason() != null ? choice.finishReason() : "stop",
                completion.usage() == null ? null : completion.usage().promptTokens(),
                completion.usage() == null ? null : completion.usage().completionTokens(),
                // Without streaming the first token is only seen with the last one.
                elapsed, elapsed, null);
    }

    private static FinalAnswer ended(PreparedTurn turn, MessageStatus status, ApiException error, long start) {
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new FinalAnswer(status, "", "", turn.model(), status.wire(), null, null, null, elapsed, error);
    }

    private ChatResponse respond(PreparedTurn turn, int dropped, FinalAnswer answer) {
        chat.finishAnswer(turn, answer);
        MessageView view = QuarkusTransaction.requiringNew()
                .call(() -> MessageView.of(Message.findById(turn.assistantMessageId())));
        return new ChatResponse(turn.conversationId(), view, dropped > 0, dropped);
    }
}
