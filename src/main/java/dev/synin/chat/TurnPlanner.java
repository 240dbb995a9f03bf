package dev.synin.chat;

import jakarta.enterprise.context.ApplicationScoped;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import dev.synin.lmstudio.LmStudioConfig;
import dev.synin.lmstudio.ModelCatalog;
import io.smallrye.mutiny.Uni;

/**
 * Decides what is sent upstream for a stored turn: which model, and how much of the history fits its context.
 * A question that cannot fit even alone is refused here, before the server is called; it stays stored, and later
 * turns leave it out like any other old message that does not fit, so the conversation goes on.
 */
@ApplicationScoped
public class TurnPlanner {

    /** The turn as it will be sent, and how many old messages had to be left out to fit. */
    /** @param askProgress the server is llama-server, which reports how far it has read the prompt when asked */
    record Planned(PreparedTurn turn, int droppedMessages, boolean askProgress) {
    }

    /** 400: the newest message (with the system prompt) is larger than the model's context window. */
    public static final class QuestionTooLong extends ApiException {
        QuestionTooLong(String message) {
            super(ErrorCode.BAD_REQUEST, message);
        }
    }

    private final ModelCatalog catalog;
    private final LmStudioConfig config;

    TurnPlanner(ModelCatalog catalog, LmStudioConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    Uni<Planned> plan(PreparedTurn turn) {
        Uni<String> model = turn.model() != null ? Uni.createFrom().item(turn.model()) : catalog.defaultModel();
        return model.flatMap(resolved -> catalog.models()
                // The listing only refines trimming; if it fails, the chat call itself will say why.
                .onFailure().recoverWithNull()
                .map(ignored -> {
                    PreparedTurn seen = catalog.sees(resolved) ? turn : withoutImages(turn, resolved);
                    Integer context = catalog.contextLength(resolved).orElse(null);
                    int reserve = seen.maxTokens() != null ? seen.maxTokens() : config.answerReserveTokens();
                    refuseIfTooLong(seen, resolved, context, reserve);
                    HistoryTrimmer.Trimmed trimmed = HistoryTrimmer.trim(seen.history(), context, reserve);
                    return new Planned(seen.withModel(resolved).withHistory(trimmed.messages()), trimmed.dropped(),
                            catalog.serverKind().filter(kind -> kind == dev.synin.lmstudio.ServerKind.LLAMA_CPP).isPresent());
                }));
    }

    /**
     * For a model that cannot see: a question with images is refused before the server is called (it would fail or,
     * worse, answer as if there were no picture); images of earlier questions are left out, their text kept.
     */
    private static PreparedTurn withoutImages(PreparedTurn turn, String model) {
        java.util.List<dev.synin.lmstudio.dto.UpstreamMessage> history = turn.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).role().equals("user")) {
                if (!history.get(i).images().isEmpty()) {
                    throw new ApiException(ErrorCode.BAD_REQUEST, model + " cannot see images: the server does not list it as a "
                            + "vision model. Pick a vision model (LM Studio marks them; Qwen2.5-VL, Gemma 3, LLaVA...), or set "
                            + "LM_STUDIO_ASSUME_VISION=true if this one can. The message was not sent.");
                }
                break;
            }
        }
        return turn.withHistory(history.stream().map(dev.synin.lmstudio.dto.UpstreamMessage::withoutImages).toList());
    }

    private static void refuseIfTooLong(PreparedTurn turn, String model, Integer context, int reserve) {
        if (context == null || turn.history().isEmpty()) {
            return;
        }
        int needed = HistoryTrimmer.newestTurnTokens(turn.history());
        int limit = HistoryTrimmer.promptLimit(context, reserve);
        if (needed > limit) {
            throw new QuestionTooLong("This message is too long for " + model + ": about " + needed + " tokens"
                    + (turn.history().get(0).role().equals("system") ? " with the system prompt" : "") + ", and its context window is "
                    + context + " tokens, of which " + (context - limit) + " stay free for the answer. "
                    + "Shorten it, split it, or use a model (or a loaded context length) with a larger window. "
                    + "It was not sent; the conversation can go on.");
        }
    }
}
