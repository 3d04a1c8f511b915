package io.llmload.emulator;

import java.util.SplittableRandom;

/** The emulator's per-request random draws: in [0,1), depending only on the seed, the arrival ordinal and a salt. */
public final class SeededDraw {

    private SeededDraw() {
    }

    public static double of(long seed, long ordinal, int salt) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + ordinal * 31 + salt).nextDouble();
    }
}
