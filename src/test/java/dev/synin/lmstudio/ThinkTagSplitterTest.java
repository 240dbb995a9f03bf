package dev.synin.lmstudio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ThinkTagSplitterTest {

    private static String[] run(List<String> fragments) {
        ThinkTagSplitter splitter = new ThinkTagSplitter();
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        for (String fragment : fragments) {
            ThinkTagSplitter.Split split = splitter.accept(fragment);
            reasoning.append(split.reasoning());
            content.append(split.content());
        }
        ThinkTagSplitter.Split rest = splitter.flush();
        return new String[] { reasoning.append(rest.reasoning()).toString(), content.append(rest.content()).toString() };
    }

    @Test
    void shouldSplitAThinkBlockCutAtEveryCharacter() {
        String text = "<think>Plan: add.</think>\n\nIt is 4.";
        List<String> characters = text.chars().mapToObj(c -> String.valueOf((char) c)).toList();
        assertThat(run(characters)).containsExactly("Plan: add.", "It is 4.");
    }

    @Test
    void shouldLeaveContentWithoutThinkBlockAlone() {
        assertThat(run(List.of("<b>bold</b> and ", "<think> later is not reasoning"))).containsExactly("", "<b>bold</b> and <think> later is not reasoning");
        assertThat(run(List.of("<", "thin", "g>"))).containsExactly("", "<thing>");
    }

    @Test
    void shouldTreatAnUnclosedThinkBlockAsReasoning() {
        assertThat(run(List.of("  <think>still thinking when cut off</th"))).containsExactly("still thinking when cut off</th", "");
    }
}
