package dev.synin.chat;

import java.util.ArrayList;
import java.util.List;

import dev.synin.lmstudio.dto.UpstreamMessage;

/**
 * Fits the history into the model's context window: keeps the system prompt and the newest turns, drops the oldest.
 * Tokens are estimated (about four characters each, plus a few per message for the chat template), which errs
 * on the safe side for English and code.
 */
final class HistoryTrimmer {

    record Trimmed(List<UpstreamMessage> messages, int dropped) {
    }

    private HistoryTrimmer() {
    }

    static int estimateTokens(UpstreamMessage message) {
        return (message.content().length() + 3) / 4 + 4;
    }

    static Trimmed trim(List<UpstreamMessage> history, Integer contextLength, int answerReserve) {
        if (contextLength == null || contextLength <= 0 || history.isEmpty()) {
            return new Trimmed(history, 0);
        }
        int budget = Math.max(contextLength - answerReserve, contextLength / 4);
        boolean hasSystem = "system".equals(history.get(0).role());
        List<UpstreamMessage> kept = new ArrayList<>();
        int used = hasSystem ? estimateTokens(history.get(0)) : 0;
        int first = hasSystem ? 1 : 0;
        // Walk back from the newest message; the last user message is always kept, even if alone it is too long.
        int index = history.size() - 1;
        for (; index >= first; index--) {
            int cost = estimateTokens(history.get(index));
            if (used + cost > budget && index < history.size() - 1) {
                break;
            }
            used += cost;
            kept.add(0, history.get(index));
        }
        // Start the kept window on a user turn, as chat templates expect.
        while (kept.size() > 1 && !"user".equals(kept.get(0).role())) {
            kept.remove(0);
        }
        if (hasSystem) {
            kept.add(0, history.get(0));
        }
        return new Trimmed(kept, history.size() - kept.size());
    }
}
