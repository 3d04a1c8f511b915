package io.llmload.client;

import io.llmload.config.TargetSettings;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Picking one of several endpoints, and one of several weighted models. */
class EndpointPoolTest {

    private static final List<Endpoint> THREE = List.of(endpoint("a"), endpoint("b"), endpoint("c"));

    private static Endpoint endpoint(String host) {
        return new Endpoint(URI.create("http://" + host + ":8000"), null, Duration.ofSeconds(1));
    }

    @Test
    void roundRobinTakesEachInTurn() {
        EndpointPool pool = new EndpointPool(THREE, TargetSettings.Balance.ROUND_ROBIN);
        assertThat(List.of(pool.acquire(), pool.acquire(), pool.acquire(), pool.acquire())).containsExactly(THREE.get(0), THREE.get(1),
                THREE.get(2), THREE.get(0));
        assertThat(pool.outstanding()).containsExactly(2, 1, 1);
    }

    @Test
    void leastOutstandingTakesTheEndpointWithFewestInFlightAndReleasesWhenDone() {
        EndpointPool pool = new EndpointPool(THREE, TargetSettings.Balance.LEAST_OUTSTANDING);
        Endpoint first = pool.acquire();
        Endpoint second = pool.acquire();
        Endpoint third = pool.acquire();
        assertThat(List.of(first, second, third)).containsExactlyElementsOf(THREE);
        pool.release(second);
        assertThat(pool.acquire()).as("b has none in flight now").isEqualTo(THREE.get(1));
        pool.release(first);
        pool.release(third);
        assertThat(pool.outstanding()).containsExactly(0, 1, 0);
    }

    @Test
    void aModelMixDrawsByWeightFromASeededSource() {
        ModelMix mix = new ModelMix(List.of(new TargetSettings.WeightedModel("base", 3), new TargetSettings.WeightedModel("sql-lora", 1)), 11);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 40_000; i++) counts.merge(mix.pick("x"), 1, Integer::sum);
        assertThat(counts.get("base") / 40_000.0).isCloseTo(0.75, within(0.01));
        assertThat(ModelMix.NONE.pick("x")).isEqualTo("x");
        ModelMix again = new ModelMix(List.of(new TargetSettings.WeightedModel("base", 3), new TargetSettings.WeightedModel("sql-lora", 1)), 11);
        ModelMix same = new ModelMix(List.of(new TargetSettings.WeightedModel("base", 3), new TargetSettings.WeightedModel("sql-lora", 1)), 11);
        for (int i = 0; i < 100; i++) assertThat(again.pick("x")).isEqualTo(same.pick("x"));
    }
}
