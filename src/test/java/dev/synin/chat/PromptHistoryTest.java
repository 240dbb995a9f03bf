package dev.synin.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.synin.conversation.MessageRole;
import dev.synin.conversation.MessageStatus;
import dev.synin.conversation.StoredTurn;
import dev.synin.lmstudio.dto.UpstreamMessage;

class PromptHistoryTest {

    private static StoredTurn turn(MessageRole role, String content, MessageStatus status) {
        return new StoredTurn(UUID.randomUUID(), null, 0, role, content, status, null, Instant.now(), null);
    }

    private static List<String> roles(List<UpstreamMessage> history) {
        return history.stream().map(m -> m.role() + ":" + m.content()).toList();
    }

    @Test
    void shouldLeaveOutAFailedEmptyAnswerAndTheQuestionANewerOneReplaces() {
        List<StoredTurn> branch = List.of(turn(MessageRole.USER, "Hello", MessageStatus.COMPLETE),
                turn(MessageRole.ASSISTANT, "Hi.", MessageStatus.COMPLETE),
                turn(MessageRole.USER, "Are you there?", MessageStatus.COMPLETE),
                turn(MessageRole.ASSISTANT, "", MessageStatus.ERROR));

        assertThat(roles(PromptHistory.of("Be brief.", branch, true)))
                .containsExactly("system:Be brief.", "user:Hello", "assistant:Hi.");
        assertThat(roles(PromptHistory.of(null, branch.subList(0, 3), false)))
                .as("answering that question again keeps it").containsExactly("user:Hello", "assistant:Hi.", "user:Are you there?");
    }

    @Test
    void shouldSendAnswersThatFollowEachOtherAsOne() {
        List<StoredTurn> branch = List.of(turn(MessageRole.USER, "Q", MessageStatus.COMPLETE),
                turn(MessageRole.ASSISTANT, "Part one.", MessageStatus.COMPLETE),
                turn(MessageRole.ASSISTANT, "Part two.", MessageStatus.COMPLETE));

        assertThat(roles(PromptHistory.of(null, branch, false))).containsExactly("user:Q", "assistant:Part one.\n\nPart two.");
    }

    @Test
    void shouldKeepAStoppedAnswerThatHasText() {
        List<StoredTurn> branch = List.of(turn(MessageRole.USER, "Q", MessageStatus.COMPLETE),
                turn(MessageRole.ASSISTANT, "Half an ans", MessageStatus.STOPPED));

        assertThat(roles(PromptHistory.of(null, branch, true))).containsExactly("user:Q", "assistant:Half an ans");
    }
}
