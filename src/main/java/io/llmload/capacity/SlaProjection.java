package io.llmload.capacity;

import java.util.ArrayList;
import java.util.List;

/**
 * Time to finish a volume of requests at a measured throughput, against a completion window
 * (24 h). Always a projection: it assumes the measured rate holds for the whole volume.
 *
 * @param hours         volume ÷ measured req/s, in hours
 * @param marginPercent share of the window left over: (window − hours) ÷ window × 100 (negative = late)
 */
public record SlaProjection(long volume, double requestsPerSecond, double hours, double windowHours, boolean compliant,
                            double marginPercent) {

    public static SlaProjection of(long volume, double requestsPerSecond, double windowHours) {
        if (requestsPerSecond <= 0) return new SlaProjection(volume, requestsPerSecond, Double.POSITIVE_INFINITY, windowHours, false, Double.NEGATIVE_INFINITY);
        double hours = volume / requestsPerSecond / 3600.0;
        return new SlaProjection(volume, requestsPerSecond, hours, windowHours, hours <= windowHours,
                (windowHours - hours) / windowHours * 100.0);
    }

    public static List<SlaProjection> of(List<Long> volumes, double requestsPerSecond, double windowHours) {
        List<SlaProjection> out = new ArrayList<>();
        for (long v : volumes) out.add(of(v, requestsPerSecond, windowHours));
        return out;
    }

    /** The volume that fits in the window at this rate. */
    public static long capacityInWindow(double requestsPerSecond, double windowHours) {
        return (long) Math.floor(requestsPerSecond * windowHours * 3600.0);
    }
}
