package dev.synin.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.synin.lmstudio.dto.UpstreamMessage;

class HistoryTrimmerTest {

    private static UpstreamMessage m(String role, int chars) {
        return new UpstreamMessage(role, "x".repeat(chars));
    }

    @Test
    void shouldKeepEverythingThatFits() {
        List<UpstreamMessage> history = List.of(m("system", 10), m("user", 100), m("assistant", 100), m("user", 100));
        assertThat(HistoryTrimmer.trim(history, 4096, 1024).dropped()).isZero();
        assertThat(HistoryTrimmer.trim(history, null, 1024).messages()).isEqualTo(history);
    }

    @Test
    void shouldDropTheOldestTurnsAndKeepTheSystemPromptAndTheLastQuestion() {
        List<UpstreamMessage> history = List.of(m("system", 40), m("user", 4000), m("assistant", 4000), m("user", 4000),
                m("assistant", 400), m("user", 400));
        HistoryTrimmer.Trimmed trimmed = HistoryTrimmer.trim(history, 3000, 1000);
        assertThat(trimmed.messages()).extracting(UpstreamMessage::role).containsExactly("system", "user", "assistant", "user");
        assertThat(trimmed.messages().get(1).content()).hasSize(4000);
        assertThat(trimmed.dropped()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheLastUserMessageEvenWhenItAloneIsTooLong() {
        List<UpstreamMessage> history = List.of(m("user", 100), m("assistant", 100), m("user", 100_000));
        HistoryTrimmer.Trimmed trimmed = HistoryTrimmer.trim(history, 2048, 512);
        assertThat(trimmed.messages()).hasSize(1);
        assertThat(trimmed.messages().get(0).content()).hasSize(100_000);
    }

    @Test
    void shouldLeaveOutAnOldQuestionThatCanNeverFitAndKeepTheTurnsBeforeIt() {
        List<UpstreamMessage> history = List.of(m("system", 40), m("user", 400), m("assistant", 400),
                m("user", 100_000), m("assistant", 40), m("user", 400));
        HistoryTrimmer.Trimmed trimmed = HistoryTrimmer.trim(history, 4096, 1024);
        assertThat(trimmed.messages()).extracting(UpstreamMessage::content).extracting(String::length)
                .containsExactly(40, 400, 400, 400);
        assertThat(trimmed.messages()).extracting(UpstreamMessage::role).containsExactly("system", "user", "assistant", "user");
        assertThat(trimmed.dropped()).isEqualTo(2);
    }

    @Test
    void shouldLeaveAQuarterOfTheWindowForTheAnswerAtMost() {
        assertThat(HistoryTrimmer.promptLimit(2048, 1024)).isEqualTo(1536);
        assertThat(HistoryTrimmer.promptLimit(32768, 1024)).isEqualTo(31744);
        assertThat(HistoryTrimmer.newestTurnTokens(List.of(m("system", 400), m("user", 40), m("user", 400)))).isEqualTo(208);
    }
}
