package io.llmload.compare;

import java.util.List;

/** What tonight is compared with: one earlier run's requests, or the median of earlier nights. */
public interface Baseline {

    /** e.g. "llm-summary.json of run news-20261201-021502 (1,204 requests)". */
    String describe();

    /** Judges one rule on tonight's samples. */
    Regression judge(RegressionRule rule, List<RunSamples.Sample> tonight, Bootstrap bootstrap);
}
