package dev.synin.web;

import static dev.synin.testing.FakeLmStudio.contentChunk;
import static dev.synin.testing.FakeLmStudio.finishChunk;
import static dev.synin.testing.FakeLmStudio.ms;
import static dev.synin.testing.FakeLmStudio.usageChunk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14's page benchmark, not a test (it asserts nothing): a 32,000-character Markdown answer streamed at 200
 * tokens a second (4 characters every 5 ms) into the chat page in headless chromium, while someone types in the
 * message box. Prints the gaps between animation frames and the delay of each key press (from the event's time stamp
 * to its handler), overall and over the last quarter of the answer, where a renderer that redraws everything is
 * slowest. Targets: frame gap p95 at most 20 ms, input delay p95 at most 50 ms. Run it with
 * {@code src/bench/run-page-benchmark.sh}.
 */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class StreamingPageBench extends ChatPageTest {

    static final int LENGTH = Integer.getInteger("bench.chars", 32_000);
    static final int CHUNK = 4;
    static final boolean PROFILE = Boolean.getBoolean("bench.profile") || "true".equals(System.getenv("BENCH_PROFILE"));

    @Test
    void streamALongAnswer() throws InterruptedException {
        String answer = longAnswer(LENGTH);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < answer.length(); i += CHUNK) {
            events.add(contentChunk(answer.substring(i, Math.min(answer.length(), i + CHUNK))));
        }
        events.add(finishChunk("stop"));
        events.add(usageChunk(20, events.size()));
        events.add("[DONE]");
        fake.enqueue(Reply.stream(events).pace(ms(5)));
        page.js("window.bench = {frames: [], keys: [], marks: []};"
                + "const loop = (t) => { bench.frames.push(t); requestAnimationFrame(loop); }; requestAnimationFrame(loop);"
                + "document.addEventListener('keydown', (e) => bench.keys.push([performance.now(), performance.now() - e.timeStamp]), true);"
                + "bench.long = []; new PerformanceObserver((l) => l.getEntries().forEach((e) => bench.long.push([e.startTime, e.duration])))"
                + ".observe({type: 'longtask'});");
        Thread.sleep(3000);
        page.js("bench.idle = performance.now()");
        report("idle page", "0", "bench.idle");
        page.send("Write a long answer");
        page.waitForAnswerText("Synin");
        page.js("bench.start = performance.now()");
        int typed = 0;
        long started = System.nanoTime();
        boolean profiling = false;
        while (!"complete".equals(page.lastAnswer().getDomAttribute("data-status"))) {
            if (PROFILE && !profiling && Boolean.TRUE.equals(page.js("return Boolean(bench.lastQuarter)"))) {
                driver.executeCdpCommand("Profiler.enable", Map.of());
                driver.executeCdpCommand("Profiler.start", Map.of());
                profiling = true;
            }
            page.composer().sendKeys(typed++ % 30 == 29 ? " " : "a");
            Number chars = (Number) page.js("const b = document.querySelectorAll(\"[data-role='assistant'] [data-testid='message-body']\");"
                    + " const n = b[b.length - 1].textContent.length; if (!bench.lastQuarter && n > arguments[0]) bench.lastQuarter = performance.now(); return n", LENGTH * 3 / 4 * 0.9);
            Thread.sleep(100);
            if (System.nanoTime() - started > 300_000_000_000L) {
                throw new IllegalStateException("the answer did not finish in 5 minutes (" + chars + " characters shown)");
            }
        }
        page.js("bench.end = performance.now()");
        if (profiling) {
            printProfile(driver.executeCdpCommand("Profiler.stop", Map.of()));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%nPage benchmark: %,d characters at 200 tokens/s (%d chunks of %d characters, 5 ms apart), %.1f s, %d key presses%n",
                answer.length(), events.size() - 3, CHUNK, seconds, typed);
        report("whole answer", "bench.start", "bench.end");
        report("last quarter", "(bench.lastQuarter || bench.end)", "bench.end");
        System.out.println("Targets: frame gap p95 <= 20 ms, input delay p95 <= 50 ms");
    }

    @SuppressWarnings("unchecked")
    private void report(String label, String from, String to) {
        List<Number> gaps = (List<Number>) page.js("const f = bench.frames.filter(t => t >= " + from + " && t <= " + to + ");"
                + " return f.slice(1).map((t, i) => t - f[i])");
        List<Number> delays = (List<Number>) page.js("return bench.keys.filter(k => k[0] >= " + from + " && k[0] <= " + to + ").map(k => k[1])");
        List<Number> long_ = (List<Number>) page.js("return bench.long.filter(k => k[0] >= " + from + " && k[0] <= " + to + ").map(k => k[1])");
        System.out.printf(Locale.ROOT, "  %-13s frame gap ms: %s   input delay ms: %s   long tasks (> 50 ms): %d, %.0f ms in all%n",
                label, stats(gaps), stats(delays), long_.size(), long_.stream().mapToDouble(Number::doubleValue).sum());
    }

    /** The functions the page spent its time in over the last quarter (-Dbench.profile=true), by self time. */
    @SuppressWarnings("unchecked")
    static void printProfile(Map<String, Object> result) {
        Map<String, Object> profile = (Map<String, Object>) result.get("profile");
        Map<String, Long> self = new HashMap<>();
        long total = 0;
        for (Map<String, Object> node : (List<Map<String, Object>>) profile.get("nodes")) {
            Map<String, Object> frame = (Map<String, Object>) node.get("callFrame");
            String url = String.valueOf(frame.get("url"));
            String name = frame.get("functionName") + " " + url.substring(url.lastIndexOf('/') + 1) + ":" + frame.get("lineNumber");
            long hits = ((Number) node.getOrDefault("hitCount", 0)).longValue();
            self.merge(name, hits, Long::sum);
            total += hits;
        }
        long all = total;
        System.out.println("Profile of the last quarter (self time):");
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
    }

    static String stats(List<Number> values) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return "(none)";
        }
        return String.format(Locale.ROOT, "p50 %.1f  p95 %.1f  max %.1f  (n=%d)", at(sorted, 0.5), at(sorted, 0.95),
                sorted[sorted.length - 1], sorted.length);
    }

    static double at(double[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    /** Markdown as a model writes it: headings, paragraphs, lists, code, a table, repeated to the length. */
    static String longAnswer(int length) {
        StringBuilder out = new StringBuilder("# Synin benchmark\n\n");
        for (int section = 1; out.length() < length; section++) {
            out.append("## Part ").append(section).append("\n\n");
            out.append("This paragraph explains step ").append(section).append(" in some detail, with **bold** words, `inline code`, ")
                    .append("and a [link](https://example.org/").append(section).append(") so that the inline rules have work to do. ")
                    .append("It goes on for a few sentences, as answers do, before the list that follows.\n\n");
            for (int item = 1; item <= 5; item++) {
                out.append(item).append(". **Item ").append(item).append("**: what to do, and why it matters here.\n");
            }
            out.append("\n```java\n");
            for (int line = 0; line < 12; line++) {
                out.append("    int value").append(line).append(" = compute(").append(section).append(", ").append(line).append("); // step\n");
            }
            out.append("```\n\n| Name | Value |\n|------|-------|\n| part | ").append(section).append(" |\n| kind | table |\n\n");
            out.append("> A quote to close part ").append(section).append(".\n\n");
        }
        return out.substring(0, length);
    }
}
