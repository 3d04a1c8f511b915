package io.llmload.config;

import java.util.Random;

/**
 * A token length drawn per request: {@code fixed} (always {@code mean}), {@code uniform} (between
 * {@code min} and {@code max}, both included) or {@code normal} ({@code mean}, {@code stddev}, drawn
 * again while outside {@code min}..{@code max}).
 */
public record LengthDistribution(Shape shape, int mean, int stddev, int min, int max) {

    public enum Shape { FIXED, UNIFORM, NORMAL }

    /** Draws past the bounds before giving up on a normal whose bounds sit far out in a tail. */
    private static final int MAX_REDRAWS = 1_000;

    /** Reads {@code distribution}, {@code mean}, {@code stddev}, {@code min} and {@code max} of {@code keys}. */
    public static LengthDistribution from(Keys keys) {
        Shape shape = keys.choice("distribution", Shape.class);
        int mean = keys.positiveInt("mean");
        int stddev = keys.integer("stddev");
        int min = keys.positiveInt("min");
        int max = keys.positiveInt("max");
        if (stddev < 0) throw new ConfigError(keys.key("stddev") + ": expected an integer >= 0, got " + stddev);
        if (min > max) throw new ConfigError(keys.key("min") + ": " + min + " is above " + keys.key("max") + " (" + max + ")");
        if (shape != Shape.UNIFORM && (mean < min || mean > max)) {
            throw new ConfigError(keys.key("mean") + ": " + mean + " is outside min..max (" + min + ".." + max + ")");
        }
        if (shape == Shape.NORMAL && stddev == 0) {
            throw new ConfigError(keys.key("stddev") + ": a normal distribution needs stddev >= 1 (or distribution = fixed)");
        }
        return new LengthDistribution(shape, mean, stddev, min, max);
    }

    public int draw(Random random) {
        return switch (shape) {
            case FIXED -> mean;
            case UNIFORM -> min + random.nextInt(max - min + 1);
            case NORMAL -> normal(random);
        };
    }

    private int normal(Random random) {
        for (int i = 0; i < MAX_REDRAWS; i++) {
            long drawn = Math.round(mean + random.nextGaussian() * stddev);
            if (drawn >= min && drawn <= max) return (int) drawn;
        }
        return mean;
    }

    /** E.g. "normal(mean 512, sd 128, 16..2048)". */
    public String describe() {
        return switch (shape) {
            case FIXED -> "fixed " + mean;
            case UNIFORM -> "uniform " + min + ".." + max;
            case NORMAL -> "normal(mean " + mean + ", sd " + stddev + ", " + min + ".." + max + ")";
        };
    }
}
