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

    /**
     * The milliseconds of a nanosecond count, exactly, in plain decimal with its trailing zeros
     * dropped ("2084.377709", "0.0005", "12.0"). Integer arithmetic: formatting a double (HotSpot's
     * {@code FloatingDecimal.dtoa}) on every request was recompiled by C2 six times in a run's
     * first 40 s, ~2.9 CPU-s of compiling on the injector's cores.
     */
    public static String millisOfNanos(long nanos) {
        long whole = nanos / 1_000_000;
        int fraction = (int) Math.abs(nanos % 1_000_000);
        int digits = 6;
        while (digits > 1 && fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        StringBuilder s = new StringBuilder(24);
        if (nanos < 0 && whole == 0) s.append('-');
        s.append(whole).append('.');
        String decimals = Integer.toString(fraction);
        for (int i = decimals.length(); i < digits; i++) s.append('0');
        return s.append(decimals).toString();
    }

    /** A count with thousands separators ("17,000,000"). */
    public static String thousands(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
