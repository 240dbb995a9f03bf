package dev.synin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Latency against concurrency as a plain SVG: p99 chunk latency (upstream write to client read) and p99 client-side
 * gap, one line per path, on a log scale so that a 0.1 ms floor and a 50 ms spike both show.
 */
final class LatencyPlot {

    private static final List<String> PATHS = List.of("direct", "nginx", "synin");
    private static final List<String> COLOURS = List.of("#555555", "#1f77b4", "#d62728");
    private static final int WIDTH = 460;
    private static final int HEIGHT = 320;
    private static final int LEFT = 60;
    private static final int TOP = 40;
    private static final int PLOT_W = 360;
    private static final int PLOT_H = 220;

    private LatencyPlot() {
    }

    static void write(Results results, Path file) throws IOException {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH * 2, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        panel(svg, results, 0, "p99 chunk latency, upstream write to client read (ms)", r -> r.latency.percentileMillis(99), Double.NaN);
        panel(svg, results, WIDTH, "p99 gap between chunks at the client (ms)", r -> r.gap.percentileMillis(99),
                2 * results.settings.paceMicros() / 1000.0);
        svg.append("</svg>\n");
        Files.writeString(file, svg);
    }

    /** @param limit a dashed line at this value (the late-chunk threshold), or NaN */
    private static void panel(StringBuilder svg, Results results, int x0, String title, ToDoubleFunction<StepStats> figure,
            double limit) {
        List<Integer> steps = results.settings.steps();
        double max = Double.isNaN(limit) ? 0.01 : limit;
        double min = Double.MAX_VALUE;
        for (StepStats run : results.runs) {
            if (run.phase.equals("concurrency")) {
                double value = figure.applyAsDouble(run);
                if (Double.isFinite(value) && value > 0) {
                    max = Math.max(max, value);
                    min = Math.min(min, value);
                }
            }
        }
        double low = Math.pow(10, Math.floor(Math.log10(Math.min(min, max))));
        double high = Math.pow(10, Math.ceil(Math.log10(max)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"13\">%s</text>%n", x0 + LEFT - 40, title));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                x0 + LEFT, TOP, PLOT_W, PLOT_H));
        for (double tick = low; tick <= high * 1.001; tick *= 10) {
            double y = y(tick, low, high);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    x0 + LEFT, x0 + LEFT + PLOT_W, y, y, x0 + LEFT - 4, y + 4, tick >= 1 ? String.format("%.0f", tick) : Double.toString(tick)));
        }
        if (!Double.isNaN(limit)) {
            double y = y(limit, low, high);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e0a000\" stroke-dasharray=\"5,4\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" fill=\"#e0a000\">late: over 2x the pace</text>%n",
                    x0 + LEFT, x0 + LEFT + PLOT_W, y, y, x0 + LEFT + 4, y - 4));
        }
        for (int i = 0; i < steps.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    x(x0, i, steps.size()), TOP + PLOT_H + 15, steps.get(i)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">concurrent streams</text>%n",
                x0 + LEFT + PLOT_W / 2, TOP + PLOT_H + 32));
        for (int p = 0; p < PATHS.size(); p++) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < steps.size(); i++) {
                var run = results.find("concurrency", steps.get(i), PATHS.get(p));
                double value = run.map(figure::applyAsDouble).orElse(Double.NaN);
                if (Double.isFinite(value) && value > 0) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(x0, i, steps.size()), y(value, low, high)));
                }
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    points.toString().trim(), COLOURS.get(p)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                    x0 + LEFT + 8 + p * 70, TOP + PLOT_H + 50, COLOURS.get(p), PATHS.get(p)));
        }
    }

    private static double x(int x0, int index, int count) {
        return x0 + LEFT + (count == 1 ? PLOT_W / 2.0 : 10 + index * (PLOT_W - 20.0) / (count - 1));
    }

    private static double y(double value, double low, double high) {
        return TOP + PLOT_H - (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)) * PLOT_H;
    }
}
