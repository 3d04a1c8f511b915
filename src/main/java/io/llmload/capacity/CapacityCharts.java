package io.llmload.capacity;

import io.llmload.metrics.Numbers;
import io.llmload.report.Markup;
import io.llmload.report.RunFacts;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The capacity report's HTML page: charts drawn by XChart (PNG, inlined) above the Markdown tables. */
final class CapacityCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;

    private CapacityCharts() {
    }

    static String html(RunFacts facts, CapacityResult result, String markdown) {
        System.setProperty("java.awt.headless", "true");
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>llmload capacity search</title>
                <style>body{font-family:sans-serif;margin:2em;max-width:1000px} img{display:block;margin:1em 0;border:1px solid #ddd}
                pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}</style></head>
                <body data-charts-loaded="0">
                """);
        html.append("<h1>Capacity search: ").append(Markup.escape(String.valueOf(facts.simulation()))).append("</h1>\n");
        html.append("<p>Target ").append(Markup.escape(String.valueOf(facts.target()))).append(". Capacity (largest ").append(result.levelUnit()).append(" with ")
            .append(Markup.escape(result.criterion().description())).append(") per repeat: ")
            .append(result.capacities()).append("; min ").append(result.minCapacity()).append(", max ").append(result.maxCapacity())
            .append(".</p>\n");
        html.append(image("chart-p95", result.criterion().metric() + " against " + result.levelUnit() + ", with the criterion's line", p95Chart(result)));
        html.append(image("chart-throughput", "Throughput against " + result.levelUnit(), throughputChart(result)));
        html.append(image("chart-distribution", "Latency distribution per step (repeat 1)", distributionChart(result)));
        html.append("<pre>").append(Markup.escape(markdown)).append("</pre>\n");
        html.append("""
                <script>window.addEventListener('load', function () {
                  var ok = Array.prototype.filter.call(document.images, function (i) { return i.complete && i.naturalWidth > 0; });
                  document.body.setAttribute('data-charts-loaded', String(ok.length));
                });</script>
                </body></html>
                """);
        return html.toString();
    }

    private static XYChart p95Chart(CapacityResult result) {
        CapacityResult.Criterion criterion = result.criterion();
        XYChart chart = chart(criterion.metric() + " vs " + result.levelUnit(), result.levelUnit(), criterion.metric() + " (" + criterion.unit() + ")");
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        for (List<StepResult> repeat : result.repeats()) {
            List<StepResult> steps = sorted(repeat);
            if (steps.isEmpty()) continue;
            add(chart, "repeat " + steps.get(0).repeat(), steps, StepResult::criterionMeasured);
            minX = Math.min(minX, steps.get(0).level());
            maxX = Math.max(maxX, steps.get(steps.size() - 1).level());
        }
        if (maxX > 0) {
            XYSeries slo = chart.addSeries(criterion.description(), new double[]{minX, maxX}, new double[]{criterion.limit(), criterion.limit()});
            slo.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private static XYChart throughputChart(CapacityResult result) {
        XYChart chart = chart("Throughput vs " + result.levelUnit(), result.levelUnit(), "requests/s");
        for (List<StepResult> repeat : result.repeats()) {
            List<StepResult> steps = sorted(repeat);
            if (!steps.isEmpty()) add(chart, "req/s, repeat " + steps.get(0).repeat(), steps, StepResult::requestsPerSecond);
        }
        return chart;
    }

    private static XYChart distributionChart(CapacityResult result) {
        XYChart chart = chart("Latency distribution per step", result.levelUnit(), "latency (ms)");
        List<StepResult> steps = result.repeats().isEmpty() ? List.of() : sorted(result.repeats().get(0));
        if (!steps.isEmpty()) {
            add(chart, "p50", steps, StepResult::p50Millis);
            add(chart, "p90", steps, StepResult::p90Millis);
            add(chart, "p95", steps, StepResult::p95Millis);
            add(chart, "p99", steps, StepResult::p99Millis);
            add(chart, "max", steps, StepResult::maxMillis);
        }
        return chart;
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void add(XYChart chart, String name, List<StepResult> steps, ToDoubleFunction<StepResult> value) {
        double[] xs = new double[steps.size()];
        double[] ys = new double[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            xs[i] = steps.get(i).level();
            double v = value.applyAsDouble(steps.get(i));
            ys[i] = Double.isNaN(v) ? 0 : v;
        }
        chart.addSeries(name, xs, ys);
    }

    private static List<StepResult> sorted(List<StepResult> steps) {
        List<StepResult> out = new ArrayList<>(steps);
        out.sort(Comparator.comparingInt(StepResult::level));
        return out;
    }

    private static String image(String id, String alt, XYChart chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "<h2>" + Markup.escape(alt) + "</h2>\n<img id=\"" + id + "\" alt=\"" + Markup.escape(alt) + "\" width=\"" + WIDTH
                    + "\" height=\"" + HEIGHT + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
