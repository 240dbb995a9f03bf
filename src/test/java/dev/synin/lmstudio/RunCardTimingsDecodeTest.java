package dev.synin.lmstudio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What the server measured itself, as the decoder reads it for the run card. */
class RunCardTimingsDecodeTest {

    private final AnswerDecoder decoder = new AnswerDecoder(new ObjectMapper());

    @Test
    void shouldReadLlamaServerTimingsCountingCachedPromptTokensInThePrompt() throws Exception {
        AnswerDecoder.Piece piece = decoder.decode("{\"model\":\"tiny\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"timings\":{\"prompt_n\":7,\"prompt_ms\":12.5,\"prompt_per_second\":560.0,\"predicted_n\":30,"
                + "\"predicted_ms\":600.0,\"predicted_per_second\":50.0,\"cache_n\":93}}");
        assertThat(piece.finishReason()).isEqualTo("stop");
        assertThat(piece.timings()).isEqualTo(new ServerTimings(50.0, 30, 100, 93));
    }

    @Test
    void shouldReadLmStudioStatsAndOpenAiCachedTokens() throws Exception {
        AnswerDecoder.Piece stats = decoder.decode("{\"choices\":[],\"stats\":{\"tokens_per_second\":38.5,\"time_to_first_token\":0.12}}");
        assertThat(stats.timings()).isEqualTo(new ServerTimings(38.5, null, null, null));

        AnswerDecoder.Piece usage = decoder.decode("{\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":3,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":32}}}");
        assertThat(usage.usage().cachedPromptTokens()).isEqualTo(32);
        assertThat(usage.timings()).as("usage alone is no server timing").isNull();
    }

    @Test
    void shouldIgnoreAZeroSpeed() throws Exception {
        AnswerDecoder.Piece piece = decoder.decode("{\"choices\":[],\"stats\":{\"tokens_per_second\":0}}");
        assertThat(piece.timings()).isNull();
    }
}
