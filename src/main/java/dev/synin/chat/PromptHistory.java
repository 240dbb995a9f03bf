package dev.synin.chat;

import java.util.ArrayList;
import java.util.List;

import dev.synin.attachment.ResolvedAttachment;
import dev.synin.conversation.MessageRole;
import dev.synin.conversation.StoredTurn;
import dev.synin.lmstudio.dto.UpstreamMessage;

/**
 * The stored branch as the server should see it. Many chat templates (Mistral, Gemma, Llama 2 and others) refuse a
 * history whose user and assistant turns do not alternate, so:
 * <ul>
 * <li>an answer without text (it failed, or was stopped before its first word) is left out: it carries nothing the
 * model said;</li>
 * <li>a question left without an answer that way is left out too when another question follows it: the newer
 * question replaces it (both stay stored and shown);</li>
 * <li>answers that follow each other (an imported conversation can have them) are sent as one.</li>
 * </ul>
 * The system prompt comes first.
 */
final class PromptHistory {

    private PromptHistory() {
    }

    /**
     * @param branch the stored messages from the first to the one the turn follows, in order
     * @param newQuestionFollows whether a new question will be appended after {@code branch}
     */
    static List<UpstreamMessage> of(String systemPrompt, List<StoredTurn> branch, boolean newQuestionFollows) {
        return of(systemPrompt, branch, newQuestionFollows, java.util.Map.of());
    }

    /** @param files the attachments of the branch's questions, by message id */
    static List<UpstreamMessage> of(String systemPrompt, List<StoredTurn> branch, boolean newQuestionFollows,
            java.util.Map<java.util.UUID, List<ResolvedAttachment>> files) {
        List<UpstreamMessage> kept = new ArrayList<>(branch.size() + 2);
        if (systemPrompt != null && !systemPrompt.isBlank()) {
            kept.add(new UpstreamMessage("system", systemPrompt));
        }
        for (StoredTurn message : branch) {
            if (message.role() == MessageRole.ASSISTANT && message.content().isEmpty()) {
                continue;
            }
            UpstreamMessage previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            if (message.role() == MessageRole.USER && files.containsKey(message.id())) {
                UpstreamMessage question = question(message.content(), files.get(message.id()));
                if (previous != null && previous.role().equals("user")) {
                    kept.set(kept.size() - 1, question);
                } else {
                    kept.add(question);
                }
            } else if (previous != null && message.role() == MessageRole.USER && previous.role().equals("user")) {
                kept.set(kept.size() - 1, new UpstreamMessage("user", message.content()));
            } else if (previous != null && message.role() == MessageRole.ASSISTANT && previous.role().equals("assistant")) {
                kept.set(kept.size() - 1, new UpstreamMessage("assistant", previous.content() + "\n\n" + message.content()));
            } else {
                kept.add(new UpstreamMessage(message.role().wire(), message.content()));
            }
        }
        if (newQuestionFollows && !kept.isEmpty() && kept.get(kept.size() - 1).role().equals("user")) {
            kept.remove(kept.size() - 1);
        }
        return kept;
    }

    /**
     * A question with its files: each document's text before the question, labelled with its name (see
     * {@link ResolvedAttachment#contextText()}), and the images as image parts.
     */
    static UpstreamMessage question(String content, List<ResolvedAttachment> files) {
        if (files == null || files.isEmpty()) {
            return new UpstreamMessage("user", content);
        }
        StringBuilder text = new StringBuilder();
        List<String> images = new ArrayList<>();
        for (ResolvedAttachment file : files) {
            if (file.isImage()) {
                images.add(file.dataUrl());
            } else {
                text.append(file.contextText()).append("\n\n");
            }
        }
        text.append(content);
        return new UpstreamMessage("user", text.toString().strip(), images);
    }
}
