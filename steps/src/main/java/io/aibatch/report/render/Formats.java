package io.aibatch.report.render;

import java.util.Locale;

/** How numbers read in the reports. */
final class Formats {

    private Formats() {}

    static String count(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return count(value);
        }
        double abs = Math.abs(value);
        return String.format(
                Locale.ROOT, abs >= 100 ? "%,.0f" : abs >= 10 ? "%,.1f" : abs >= 0.1 ? "%,.2f" : "%.4f", value);
    }

    static String millis(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f ms" : "%.1f ms", value);
    }

    static String money(String currency, Double value) {
        if (value == null) {
            return "n/a";
        }
        String symbol = "USD".equals(currency) ? "$" : currency + " ";
        double abs = Math.abs(value);
        String digits = String.format(
                Locale.ROOT, abs >= 100 ? "%,.0f" : abs >= 0.1 ? "%,.2f" : abs == 0 ? "%.2f" : "%.4f", abs);
        return (value < 0 ? "-" : "") + symbol + digits;
    }

    /** An instant at second precision, UTC: "2026-12-04 16:30:05Z". */
    static String time(java.time.Instant instant) {
        return instant == null
                ? "n/a"
                : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString()
                        .replace('T', ' ');
    }

    static String seconds(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    static String volume(double items) {
        if (items >= 1e9) {
            return String.format(Locale.ROOT, "%.1fB", items / 1e9);
        }
        if (items >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", items / 1e6);
        }
        if (items >= 1e3) {
            return String.format(Locale.ROOT, "%.0fk", items / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", items);
    }
}
