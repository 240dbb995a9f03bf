package dev.synin.chat;

import jakarta.enterprise.context.ApplicationScoped;

import dev.synin.conversation.MessageView;
import dev.synin.conversation.RunCard;
import dev.synin.conversation.Sampling;
import dev.synin.lmstudio.ModelCatalog;
import dev.synin.lmstudio.ServerTimings;

/**
 * Writes the run card of an answer as it ends: the model facts from the cached listing, the settings of the request
 * that was sent, and the figures the server gave. Speed is the server's own when it measured it (llama-server's
 * {@code timings}); otherwise Synin's clock over the server's token count, marked estimated; with no token count from
 * the server (a stopped answer) there is no speed, as a count of chunks is not a count of tokens.
 */
@ApplicationScoped
class RunCards {

    private final ModelCatalog catalog;

    RunCards(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    RunCard of(PreparedTurn turn, FinalAnswer answer) {
        ServerTimings server = answer.serverTimings();
        Integer promptTokens = answer.promptTokens() != null ? answer.promptTokens() : server == null ? null : server.promptTokens();
        Integer cached = answer.cachedPromptTokens() != null ? answer.cachedPromptTokens() : server == null ? null : server.cachedPromptTokens();
        Integer completion = answer.completionTokens() != null ? answer.completionTokens() : server == null ? null : server.generatedTokens();
        Double speed = server == null || server.tokensPerSecond() == null ? null : Math.round(server.tokensPerSecond() * 10.0) / 10.0;
        String source = speed == null ? null : RunCard.SERVER;
        if (speed == null) {
            speed = MessageView.TimingsView.of(answer.ttftMs(), answer.durationMs(), completion).tokensPerSecond();
            source = speed == null ? null : RunCard.ESTIMATED;
        }
        Sampling sampling = turn.sampling() == null || turn.sampling().isEmpty() ? null : turn.sampling();
        String model = turn.model() != null ? turn.model() : answer.model();
        return new RunCard(answer.model() != null ? answer.model() : model, catalog.quantization(model).orElse(null),
                model == null ? null : catalog.contextLength(model).orElse(null), turn.temperature(), turn.maxTokens(), sampling,
                answer.ttftMs(), speed, source, answer.finishReason(), promptTokens, cached, completion, answer.chunks());
    }
}
