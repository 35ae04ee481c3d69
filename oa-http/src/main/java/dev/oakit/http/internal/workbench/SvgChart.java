package dev.oakit.http.internal.workbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A chart drawn on the server as inline SVG: bars, stacked bars or lines over named categories, with a value axis, category
 * labels, a legend and a {@code <title>} on the chart and on every bar and point, so a screen reader (and a mouse hover) reads
 * the numbers. No script and no library: the reports page stays plain HTML that prints and works without JavaScript.
 *
 * <p>Immutable; {@link #svg()} may be called from any thread. Labels and titles are escaped.
 */
public final class SvgChart {
    /** How the series are drawn. */
    public enum Kind { BAR, STACKED_BAR, LINE }

    /** One named series with one value per category (negative values are drawn as zero). */
    public record Series(String name, List<? extends Number> values) {
        public Series {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 34;
    private static final int BOTTOM = 56;
    private static final String[] COLOURS = {"#2f6fde", "#e8833a", "#3aa65b", "#c94a4a", "#8a63d2", "#7f8c8d"};

    private final Kind kind;
    private final String id;
    private final String title;
    private final List<String> categories;
    private final List<Series> series;
    private final String noData;

    private SvgChart(Kind kind, String id, String title, List<String> categories, List<Series> series, String noData) {
        this.kind = kind;
        this.id = id;
        this.title = title;
        this.categories = categories;
        this.series = series;
        this.noData = noData;
    }

    /**
     * @param id         unique on the page (the SVG's title and description ids derive from it); letters, digits and dashes
     * @param title      the accessible title, shown above the chart
     * @param categories the x-axis labels
     * @param series     at least one; each has one value per category
     * @param noData     the text drawn when there are no categories
     */
    public static SvgChart of(Kind kind, String id, String title, List<String> categories, List<Series> series, String noData) {
        if (!id.matches("[A-Za-z][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("chart id must be letters, digits and dashes, was '" + id + "'");
        }
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + id + "' needs at least one series");
        }
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("series '" + s.name() + "' of chart '" + id + "' has " + s.values().size()
                        + " values for " + categories.size() + " categories");
            }
        }
        return new SvgChart(kind, id, title, List.copyOf(categories), List.copyOf(series), noData);
    }

    /** @return the chart's accessible title */
    public String title() {
        return title;
    }

    /** @return the distance between two gridlines: the smallest 1, 2 or 5 times a power of ten that needs at most five for the data's maximum; at least 1 for whole numbers (counts) */
    static double tickStep(double max, boolean whole) {
        if (max <= 0) {
            return 1;
        }
        if (whole && max <= 5) {
            return 1;
        }
        double raw = max / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * power >= raw * (1 - 1e-12)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private double value(Series s, int i) {
        Number n = s.values().get(i);
        return n == null ? 0 : Math.max(0, n.doubleValue());
    }

    private boolean wholeNumbers() {
        for (Series s : series) {
            for (int i = 0; i < categories.size(); i++) {
                if (value(s, i) != Math.rint(value(s, i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private double dataMax() {
        double max = 0;
        for (int i = 0; i < categories.size(); i++) {
            double stack = 0;
            for (Series s : series) {
                stack = kind == Kind.STACKED_BAR ? stack + value(s, i) : Math.max(stack, value(s, i));
            }
            max = Math.max(max, stack);
        }
        return max;
    }

    /** @return the chart as an {@code <svg>} element that scales to its container's width */
    public String svg() {
        StringBuilder b = new StringBuilder(2048);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-").append(kind.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .append("\" id=\"").append(id).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">")
                .append("<title id=\"").append(id).append("-title\">").append(esc(title)).append("</title>")
                .append("<desc id=\"").append(id).append("-desc\">").append(esc(description())).append("</desc>")
                .append("<text class=\"chart-title\" x=\"").append(LEFT).append("\" y=\"18\" font-size=\"14\" font-weight=\"600\">")
                .append(esc(title)).append("</text>");
        if (categories.isEmpty()) {
            b.append("<text class=\"chart-empty\" x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\" font-size=\"13\" fill=\"#777\">").append(esc(noData)).append("</text></svg>");
            return b.toString();
        }
        double step = tickStep(dataMax(), wholeNumbers());
        int ticks = Math.max(1, (int) Math.ceil(dataMax() / step - 1e-9));
        double max = step * ticks;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        int baseY = TOP + plotH;
        axis(b, step, ticks, plotH, baseY);
        double slot = (double) plotW / categories.size();
        labels(b, slot, baseY);
        switch (kind) {
            case BAR -> bars(b, max, plotH, baseY, slot);
            case STACKED_BAR -> stacks(b, max, plotH, baseY, slot);
            case LINE -> lines(b, max, plotH, baseY, slot);
        }
        legend(b);
        return b.append("</svg>").toString();
    }

    private String description() {
        List<String> parts = new ArrayList<>();
        for (Series s : series) {
            List<String> points = new ArrayList<>();
            for (int i = 0; i < categories.size(); i++) {
                points.add(categories.get(i) + " " + num(value(s, i)));
            }
            parts.add(s.name() + ": " + String.join(", ", points));
        }
        return String.join("; ", parts);
    }

    private void axis(StringBuilder b, double step, int ticks, int plotH, int baseY) {
        b.append("<g class=\"chart-axis\" font-size=\"11\" fill=\"#555\">");
        for (int t = 0; t <= ticks; t++) {
            double v = step * t;
            double y = baseY - plotH * t / (double) ticks;
            b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(fmt(y)).append("\" y2=\"")
                    .append(fmt(y)).append("\" stroke=\"").append(t == 0 ? "#888" : "#e3e3e3").append("\"/>");
            b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4)).append("\" text-anchor=\"end\">").append(num(v))
                    .append("</text>");
        }
        b.append("</g>");
    }

    private void labels(StringBuilder b, double slot, int baseY) {
        boolean tilt = categories.size() > 8;
        int every = Math.max(1, (int) Math.ceil(categories.size() / 16.0));
        b.append("<g class=\"chart-labels\" font-size=\"11\" fill=\"#333\">");
        for (int i = 0; i < categories.size(); i += every) {
            double x = LEFT + slot * (i + 0.5);
            String label = categories.get(i).length() > 14 ? categories.get(i).substring(0, 13) + "…" : categories.get(i);
            b.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(baseY + 16).append('"');
            if (tilt) {
                b.append(" text-anchor=\"end\" transform=\"rotate(-35 ").append(fmt(x)).append(' ').append(baseY + 16).append(")\"");
            } else {
                b.append(" text-anchor=\"middle\"");
            }
            b.append('>').append(esc(label)).append("</text>");
        }
        b.append("</g>");
    }

    private void bars(StringBuilder b, double max, int plotH, int baseY, double slot) {
        double groupW = slot * 0.8;
        double barW = groupW / series.size();
        for (int s = 0; s < series.size(); s++) {
            b.append("<g class=\"chart-series\" fill=\"").append(colour(s)).append("\">");
            for (int i = 0; i < categories.size(); i++) {
                double v = value(series.get(s), i);
                double h = plotH * v / max;
                double x = LEFT + slot * i + slot * 0.1 + barW * s;
                rect(b, x, baseY - h, barW, h, categories.get(i), series.get(s).name(), v);
            }
            b.append("</g>");
        }
    }

    private void stacks(StringBuilder b, double max, int plotH, int baseY, double slot) {
        double[] tops = new double[categories.size()];
        for (int s = 0; s < series.size(); s++) {
            b.append("<g class=\"chart-series\" fill=\"").append(colour(s)).append("\">");
            for (int i = 0; i < categories.size(); i++) {
                double v = value(series.get(s), i);
                double h = plotH * v / max;
                tops[i] += h;
                rect(b, LEFT + slot * i + slot * 0.15, baseY - tops[i], slot * 0.7, h, categories.get(i), series.get(s).name(), v);
            }
            b.append("</g>");
        }
    }

    private void lines(StringBuilder b, double max, int plotH, int baseY, double slot) {
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < categories.size(); i++) {
                double v = value(series.get(s), i);
                double x = LEFT + slot * (i + 0.5);
                double y = baseY - plotH * v / max;
                points.append(i == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
                dots.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y)).append("\" r=\"3.5\"><title>")
                        .append(esc(categories.get(i) + " · " + series.get(s).name() + ": " + num(v))).append("</title></circle>");
            }
            b.append("<g class=\"chart-series\" fill=\"").append(colour(s)).append("\"><polyline fill=\"none\" stroke=\"").append(colour(s))
                    .append("\" stroke-width=\"2\" points=\"").append(points).append("\"/>").append(dots).append("</g>");
        }
    }

    private static void rect(StringBuilder b, double x, double y, double w, double h, String category, String series, double v) {
        b.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" width=\"").append(fmt(w)).append("\" height=\"")
                .append(fmt(h)).append("\"><title>").append(esc(category + " · " + series + ": " + num(v))).append("</title></rect>");
    }

    private void legend(StringBuilder b) {
        b.append("<g class=\"chart-legend\" font-size=\"11\" fill=\"#333\">");
        double x = LEFT;
        for (int s = 0; s < series.size(); s++) {
            b.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(HEIGHT - 14).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(colour(s)).append("\"/><text x=\"").append(fmt(x + 14)).append("\" y=\"").append(HEIGHT - 5).append("\">")
                    .append(esc(series.get(s).name())).append("</text>");
            x += 24 + 7 * series.get(s).name().length();
        }
        b.append("</g>");
    }

    private static String colour(int s) {
        return COLOURS[s % COLOURS.length];
    }

    /** A number as the axis and titles show it: whole numbers without a fraction, others with at most one decimal. */
    static String num(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
