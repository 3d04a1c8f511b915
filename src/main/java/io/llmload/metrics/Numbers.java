package io.llmload.metrics;

import java.util.Locale;

/** How llmload writes a measured number, in every report: one place, one locale (ROOT), one rounding. */
public final class Numbers {

    private Numbers() {
    }

    /** Two decimals for JSON, or null when there is no value (NaN, infinite): never a NaN in a file. */
    public static Double round(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 100.0) / 100.0;
    }

    /** {@code decimals} decimals for JSON (small figures such as a cost per request), or null when there is no value. */
    public static Double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return null;
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** A fixed number of decimals for tables; "-" for anything that is not a number (null, NaN). */
    public static String fixed(Object value, int decimals) {
        if (!(value instanceof Number n) || Double.isNaN(n.doubleValue())) return "-";
        return String.format(Locale.ROOT, "%." + decimals + "f", n.doubleValue());
    }

    /** A change with its sign and one decimal ("+25.8", "-33.3"); "-" for no value. */
    public static String signed(Double value) {
        if (value == null || Double.isNaN(value)) return "-";
        return (value >= 0 ? "+" : "") + fixed(value, 1);
    }

    /** A whole number as such, else two decimals ("3500", "0.38"); "-" for NaN. */
    public static String compact(double value) {
        if (Double.isNaN(value)) return "-";
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** A measured value in a sentence: one decimal from 100 up, else two ("4210.4", "0.87"). */
    public static String measured(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.1f" : "%.2f", value);
    }

    /** A count with thousands separators ("17,000,000"). */
    public static String thousands(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
