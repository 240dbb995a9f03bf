package dev.synin.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A conversation's title comes from its first question, on one line, without what could disguise it. */
class TitleTest {

    @Test
    void shouldDropBidirectionalControlsThatWouldDisguiseTheTitle() {
        assertThat(ChatService.titleFrom("invoice\u202Egpj.exe")).isEqualTo("invoicegpj.exe");
        assertThat(ChatService.titleFrom("\u2066a\u2069 \u202Ab\u202C")).isEqualTo("a b");
    }

    @Test
    void shouldPutTheQuestionOnOneLineAndShortenIt() {
        assertThat(ChatService.titleFrom("  Plan\n\na   trip ")).isEqualTo("Plan a trip");
        assertThat(ChatService.titleFrom("x".repeat(100))).hasSize(ChatService.TITLE_LENGTH).endsWith("…");
        assertThat(ChatService.titleFrom(" \u202E ")).isEqualTo("New chat");
    }
}
