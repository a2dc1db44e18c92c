package io.aibatch.report.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Small self-contained SVG charts for the HTML reports: no script, no font, no external reference, so the report
 * opens anywhere (offline, in a mail attachment, from a blob container) and renders the same.
 */
public final class SvgChart {

    public static final String[] PALETTE = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#b8b8b8"
    };
    /** The colour of things that are secondary in a chart (alternatives next to this run's own numbers): light grey. */
    public static final int SECONDARY = 8;

    private static final int WIDTH = 760, HEIGHT = 300, LEFT = 70, RIGHT = 20, TOP = 36, BOTTOM = 58;

    private SvgChart() {}

    /** @param values y per x; NaN leaves a gap */
    public record Series(String name, List<Double> values) {}

    /**
     * Lines over a shared x axis.
     *
     * @param logX    logarithmic x axis (x values must be positive)
     * @param markerX a vertical marker (e.g. the break-even volume), or null
     */
    public static String line(
            String title,
            String xLabel,
            String yLabel,
            List<Double> xs,
            List<Series> series,
            boolean logX,
            Double markerX,
            String markerLabel,
            DoubleFunction<String> xFormat,
            DoubleFunction<String> yFormat) {
        return line(title, xLabel, yLabel, xs, series, logX, false, markerX, markerLabel, xFormat, yFormat);
    }

    /** @param logY logarithmic y axis too (costs over volumes spanning decades); values below the smallest positive one are clamped */
    public static String line(
            String title,
            String xLabel,
            String yLabel,
            List<Double> xs,
            List<Series> series,
            boolean logX,
            boolean logY,
            Double markerX,
            String markerLabel,
            DoubleFunction<String> xFormat,
            DoubleFunction<String> yFormat) {
        StringBuilder svg = open(
                title, HEIGHT + legendExtra(series.stream().map(Series::name).toList()));
        if (xs.isEmpty()) {
            return empty(svg);
        }
        double xMin = xs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double xMax = xs.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        double yMax = 0;
        for (Series s : series) {
            for (Double v : s.values()) {
                if (v != null && !v.isNaN()) {
                    yMax = Math.max(yMax, v);
                }
            }
        }
        double yMinPositive = Double.MAX_VALUE;
        for (Series s : series) {
            for (Double v : s.values()) {
                if (v != null && v > 0) {
                    yMinPositive = Math.min(yMinPositive, v);
                }
            }
        }
        boolean yLog = logY && yMinPositive < Double.MAX_VALUE && yMax > 0;
        double yFloor = yLog ? Math.pow(10, Math.floor(Math.log10(yMinPositive))) : 0;
        yMax = yLog ? Math.pow(10, Math.ceil(Math.log10(yMax))) : niceCeiling(yMax);
        Scale x = logX
                ? new Scale(Math.log10(xMin), Math.log10(xMax), LEFT, WIDTH - RIGHT)
                : new Scale(xMin, xMax, LEFT, WIDTH - RIGHT);
        Scale y = yLog
                ? new Scale(Math.log10(yFloor), Math.log10(yMax), HEIGHT - BOTTOM, TOP)
                : new Scale(0, yMax, HEIGHT - BOTTOM, TOP);
        axes(svg, xLabel, yLabel);
        List<Double> yTicks = new ArrayList<>();
        if (yLog) {
            for (double t = yFloor; t <= yMax * 1.0001; t *= 10) {
                yTicks.add(t);
            }
        } else {
            for (int i = 0; i <= 4; i++) {
                yTicks.add(yMax * i / 4);
            }
        }
        for (double v : yTicks) {
            double py = y.at(yLog ? Math.log10(v) : v);
            svg.append(f("<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>", LEFT, py, WIDTH - RIGHT, py));
            svg.append(f(
                    "<text x='%d' y='%.1f' text-anchor='end' font-size='11'>%s</text>",
                    LEFT - 6, py + 4, esc(yFormat.apply(v))));
        }
        for (double tick : logX ? logTicks(xMin, xMax) : linearTicks(xMin, xMax)) {
            double px = x.at(logX ? Math.log10(tick) : tick);
            svg.append(f(
                    "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#999'/>",
                    px, HEIGHT - BOTTOM, px, HEIGHT - BOTTOM + 5));
            svg.append(f(
                    "<text x='%.1f' y='%d' text-anchor='middle' font-size='11'>%s</text>",
                    px, HEIGHT - BOTTOM + 18, esc(xFormat.apply(tick))));
        }
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            List<Double> values = series.get(s).values();
            for (int i = 0; i < xs.size() && i < values.size(); i++) {
                Double v = values.get(i);
                if (v == null || v.isNaN()) {
                    continue;
                }
                double yv = yLog ? Math.log10(Math.max(v, yFloor)) : v;
                points.append(f("%.1f,%.1f ", x.at(logX ? Math.log10(xs.get(i)) : xs.get(i)), y.at(yv)));
            }
            svg.append(f(
                    "<polyline fill='none' stroke='%s' stroke-width='2' points='%s'><title>%s</title></polyline>",
                    PALETTE[s % PALETTE.length],
                    points.toString().trim(),
                    esc(series.get(s).name())));
        }
        if (markerX != null && markerX >= xMin && markerX <= xMax) {
            double px = x.at(logX ? Math.log10(markerX) : markerX);
            svg.append(f(
                    "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#333' stroke-dasharray='5,4'/>",
                    px, TOP, px, HEIGHT - BOTTOM));
            svg.append(f(
                    "<text x='%.1f' y='%d' font-size='12' font-weight='bold' text-anchor='%s'>%s</text>",
                    px + 4, TOP + 12, px > WIDTH * 0.7 ? "end" : "start", esc(markerLabel)));
        }
        legend(svg, series.stream().map(Series::name).toList());
        return close(svg);
    }

    /** Grouped vertical bars: one group per category, one bar per series. */
    public static String bars(
            String title,
            String yLabel,
            List<String> categories,
            List<String> seriesNames,
            double[][] values,
            DoubleFunction<String> yFormat) {
        StringBuilder svg = open(title, HEIGHT + legendExtra(seriesNames));
        if (categories.isEmpty()) {
            return empty(svg);
        }
        double yMax = 0;
        for (double[] row : values) {
            for (double v : row) {
                yMax = Math.max(yMax, v);
            }
        }
        yMax = niceCeiling(yMax);
        Scale y = new Scale(0, yMax, HEIGHT - BOTTOM, TOP);
        axes(svg, "", yLabel);
        for (int i = 0; i <= 4; i++) {
            double v = yMax * i / 4;
            svg.append(f(
                    "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>",
                    LEFT, y.at(v), WIDTH - RIGHT, y.at(v)));
            svg.append(f(
                    "<text x='%d' y='%.1f' text-anchor='end' font-size='11'>%s</text>",
                    LEFT - 6, y.at(v) + 4, esc(yFormat.apply(v))));
        }
        double groupWidth = (WIDTH - LEFT - RIGHT) / (double) categories.size();
        double barWidth = Math.min(40, groupWidth * 0.8 / seriesNames.size());
        for (int c = 0; c < categories.size(); c++) {
            double groupStart = LEFT + c * groupWidth + (groupWidth - barWidth * seriesNames.size()) / 2;
            for (int s = 0; s < seriesNames.size(); s++) {
                double v = values[c][s];
                double top = y.at(v);
                svg.append(f(
                        "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'><title>%s %s: %s</title></rect>",
                        groupStart + s * barWidth,
                        top,
                        barWidth - 2,
                        HEIGHT - BOTTOM - top,
                        PALETTE[s % PALETTE.length],
                        esc(categories.get(c)),
                        esc(seriesNames.get(s)),
                        esc(yFormat.apply(v))));
                svg.append(f(
                        "<text x='%.1f' y='%.1f' text-anchor='middle' font-size='10'>%s</text>",
                        groupStart + s * barWidth + barWidth / 2 - 1, top - 3, esc(yFormat.apply(v))));
            }
            categoryLabel(svg, categories.get(c), LEFT + c * groupWidth + groupWidth / 2, groupWidth);
        }
        legend(svg, seriesNames);
        return close(svg);
    }

    /** Horizontal bars, one per label, coloured by group (e.g. "this run" and "cloud equivalent"). */
    public static String horizontalBars(
            String title,
            List<String> labels,
            List<Double> values,
            List<Integer> colours,
            DoubleFunction<String> format) {
        int rowHeight = 26;
        int height = TOP + Math.max(1, labels.size()) * rowHeight + 20;
        StringBuilder svg = new StringBuilder(f(
                "<svg viewBox='0 0 %d %d' width='%d' height='%d' role='img' aria-label='%s'>",
                WIDTH, height, WIDTH, height, esc(title)));
        svg.append("<title>").append(esc(title)).append("</title>");
        svg.append(f("<text x='%d' y='20' font-size='15' font-weight='bold'>%s</text>", 10, esc(title)));
        if (labels.isEmpty()) {
            return empty(svg);
        }
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        max = max <= 0 ? 1 : max;
        int labelWidth = 360;
        double span = WIDTH - labelWidth - 110;
        for (int i = 0; i < labels.size(); i++) {
            double yTop = TOP + i * rowHeight;
            double w = Math.max(1, values.get(i) / max * span);
            String label = labels.get(i).length() > 56 ? labels.get(i).substring(0, 55) + "…" : labels.get(i);
            boolean secondary = colours.get(i) == SECONDARY;
            // secondary rows (alternatives) are grey, thinner and in lighter text, so this run's own bars read first
            svg.append(f(
                    "<text x='%d' y='%.1f' text-anchor='end' font-size='11'%s>%s</text>",
                    labelWidth - 6, yTop + 16, secondary ? " fill='#777'" : " font-weight='bold'", esc(label)));
            svg.append(f(
                    "<rect x='%d' y='%.1f' width='%.1f' height='%d' fill='%s'><title>%s: %s</title></rect>",
                    labelWidth,
                    yTop + (secondary ? 7 : 3),
                    w,
                    rowHeight - (secondary ? 16 : 8),
                    PALETTE[colours.get(i) % PALETTE.length],
                    esc(labels.get(i)),
                    esc(format.apply(values.get(i)))));
            svg.append(f(
                    "<text x='%.1f' y='%.1f' font-size='12'%s>%s</text>",
                    labelWidth + w + 6, yTop + 16, secondary ? " fill='#777'" : "", esc(format.apply(values.get(i)))));
        }
        return close(svg);
    }

    /**
     * A category's name under its group, in the group's width: "profile: backend" on two lines, each shortened from the
     * front when too long (the end of a backend name tells backends apart); the full name is the label's tooltip.
     */
    private static void categoryLabel(StringBuilder svg, String name, double centre, double width) {
        int fits = Math.max(4, (int) (width / 6.2));
        int split = name.indexOf(": ");
        List<String> lines =
                split < 0 ? List.of(name) : List.of(name.substring(0, split + 1), name.substring(split + 2));
        svg.append(f(
                "<text x='%.1f' y='%d' text-anchor='middle' font-size='11'><title>%s</title>",
                centre, HEIGHT - BOTTOM + 18, esc(name)));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String shown = line.length() <= fits ? line : "…" + line.substring(line.length() - fits + 1);
            svg.append(f("<tspan x='%.1f' dy='%d'>%s</tspan>", centre, i == 0 ? 0 : 12, esc(shown)));
        }
        svg.append("</text>");
    }

    private record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double at(double v) {
            return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }

    private static StringBuilder open(String title, int height) {
        StringBuilder svg = new StringBuilder(f(
                "<svg viewBox='0 0 %d %d' width='%d' height='%d' role='img' aria-label='%s'>",
                WIDTH, height, WIDTH, height, esc(title)));
        svg.append("<title>").append(esc(title)).append("</title>");
        svg.append(f("<text x='%d' y='20' font-size='15' font-weight='bold'>%s</text>", 10, esc(title)));
        return svg;
    }

    private static String empty(StringBuilder svg) {
        svg.append(f("<text x='%d' y='%d' font-size='13' fill='#777'>no data</text>", LEFT, TOP + 30));
        return close(svg);
    }

    private static String close(StringBuilder svg) {
        return svg.append("</svg>").toString();
    }

    private static void axes(StringBuilder svg, String xLabel, String yLabel) {
        svg.append(f(
                "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>",
                LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        svg.append(f("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>", LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        svg.append(f(
                "<text x='%d' y='%d' text-anchor='middle' font-size='12'>%s</text>",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 22, esc(xLabel)));
        svg.append(f(
                "<text x='14' y='%d' text-anchor='middle' font-size='12' transform='rotate(-90 14 %d)'>%s</text>",
                (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2, esc(yLabel)));
    }

    private static final int LEGEND_ROW = 16;

    /** Legend entries flow left to right and wrap onto another row below the chart when the width is used up. */
    private static void legend(StringBuilder svg, List<String> names) {
        double x = LEFT;
        int row = 0;
        for (int i = 0; i < names.size(); i++) {
            double entry = legendWidth(names.get(i));
            if (x > LEFT && x + entry > WIDTH - RIGHT) {
                x = LEFT;
                row++;
            }
            int y = HEIGHT - 14 + row * LEGEND_ROW;
            svg.append(
                    f("<rect x='%.1f' y='%d' width='12' height='12' fill='%s'/>", x, y, PALETTE[i % PALETTE.length]));
            svg.append(f("<text x='%.1f' y='%d' font-size='11'>%s</text>", x + 16, y + 10, esc(names.get(i))));
            x += entry;
        }
    }

    /** The height the legend's extra rows add below the chart. */
    private static int legendExtra(List<String> names) {
        double x = LEFT;
        int rows = 0;
        for (String name : names) {
            double entry = legendWidth(name);
            if (x > LEFT && x + entry > WIDTH - RIGHT) {
                x = LEFT;
                rows++;
            }
            x += entry;
        }
        return rows * LEGEND_ROW;
    }

    /** Box, gap and the text at 11 px (about 6.5 px a character, generous for proportional fonts). */
    private static double legendWidth(String name) {
        return 24 + name.length() * 6.5;
    }

    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static List<Double> linearTicks(double min, double max) {
        List<Double> ticks = new ArrayList<>();
        double step = niceCeiling((max - min) / 6);
        for (double t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    private static List<Double> logTicks(double min, double max) {
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.pow(10, Math.ceil(Math.log10(min))); t <= max * 1.0001; t *= 10) {
            ticks.add(t);
        }
        return ticks;
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Escapes text for XML and HTML element content and quoted attributes. */
    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
