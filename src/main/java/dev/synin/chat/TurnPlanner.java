package dev.synin.chat;

import jakarta.enterprise.context.ApplicationScoped;

import dev.synin.lmstudio.LmStudioConfig;
import dev.synin.lmstudio.ModelCatalog;
import io.smallrye.mutiny.Uni;

/** Decides what is sent upstream for a stored turn: which model, and how much of the history fits its context. */
@ApplicationScoped
public class TurnPlanner {

    /** The turn as it will be sent, and how many old messages had to be left out to fit. */
    record Planned(PreparedTurn turn, int droppedMessages) {
        boolean trimmed() {
            return droppedMessages > 0;
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
                    int reserve = turn.maxTokens() != null ? turn.maxTokens() : config.answerReserveTokens();
                    HistoryTrimmer.Trimmed trimmed = HistoryTrimmer.trim(turn.history(), catalog.contextLength(resolved).orElse(null), reserve);
                    return new Planned(turn.withModel(resolved).withHistory(trimmed.messages()), trimmed.dropped());
                }));
    }
}
