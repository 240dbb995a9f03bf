package dev.synin.chat;

import java.util.ArrayList;
import java.util.List;

import dev.synin.lmstudio.dto.UpstreamMessage;

/**
 * Fits the history into the model's context window: keeps the system prompt and the newest turns, drops the oldest.
 * An old question too large to fit even on its own (one that was refused as too long) is left out with its answers
 * and the turns before it are still considered, so one long message never ends a conversation.
 * Tokens are estimated (about four characters each, plus a few per message for the chat template), which errs
 * on the safe side for English and code.
 */
final class HistoryTrimmer {

    record Trimmed(List<UpstreamMessage> messages, int dropped) {
    }

    private HistoryTrimmer() {
    }

    /** About four characters a token; an image costs what a vision encoder typically makes of a scaled one. */
    static final int TOKENS_PER_IMAGE = 768;

    static int estimateTokens(UpstreamMessage message) {
        return (message.content().length() + 3) / 4 + 4 + TOKENS_PER_IMAGE * message.images().size();
    }

    /** The most prompt tokens that leave room for an answer: the reserve, but never more than a quarter of the window. */
    static int promptLimit(int contextLength, int answerReserve) {
        return contextLength - Math.min(answerReserve, contextLength / 4);
    }

    /** The system prompt (when there is one) and the newest message: what must fit for the turn to be answered at all. */
    static int newestTurnTokens(List<UpstreamMessage> history) {
        int tokens = estimateTokens(history.get(history.size() - 1));
        if (history.size() > 1 && "system".equals(history.get(0).role())) {
            tokens += estimateTokens(history.get(0));
        }
        return tokens;
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
        for (int index = history.size() - 1; index >= first; index--) {
            UpstreamMessage message = history.get(index);
            int cost = estimateTokens(message);
            boolean newest = index == history.size() - 1;
            if (!newest && cost > budget && "user".equals(message.role())) {
                // A question that can never fit: leave it out, and the answers to it, so that the roles still alternate.
                while (!kept.isEmpty() && "assistant".equals(kept.get(0).role())) {
                    used -= estimateTokens(kept.remove(0));
                }
                continue;
            }
            if (used + cost > budget && !newest) {
                break;
            }
            used += cost;
            kept.add(0, message);
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
