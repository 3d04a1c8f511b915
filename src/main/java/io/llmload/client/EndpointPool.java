package io.llmload.client;

import io.llmload.config.TargetSettings.Balance;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The base URLs one target is served from (several servers behind no balancer of their own, the news
 * report's "deploy multiple servers"), and how each request picks one: in turn ({@code round-robin}),
 * or the one with the fewest of this injector's requests in flight ({@code least-outstanding}, ties
 * to the first). A picked endpoint is released when its request ends.
 */
public final class EndpointPool {

    private final List<Endpoint> endpoints;
    private final Balance balance;
    private final AtomicInteger[] outstanding;
    private final AtomicLong turn = new AtomicLong();

    public EndpointPool(List<Endpoint> endpoints, Balance balance) {
        if (endpoints.isEmpty()) throw new IllegalArgumentException("no endpoint");
        this.endpoints = List.copyOf(endpoints);
        this.balance = balance;
        this.outstanding = new AtomicInteger[endpoints.size()];
        for (int i = 0; i < outstanding.length; i++) outstanding[i] = new AtomicInteger();
    }

    public static EndpointPool of(Endpoint single) {
        return new EndpointPool(List.of(single), Balance.ROUND_ROBIN);
    }

    /** The first: its settings (budget, key, limits) are every endpoint's; the server checks and scrapes go to it. */
    public Endpoint primary() {
        return endpoints.get(0);
    }

    public int size() {
        return endpoints.size();
    }

    /** The endpoint for the next request; {@link #release} it when the request ends. */
    public Endpoint acquire() {
        int chosen = 0;
        if (endpoints.size() > 1) {
            if (balance == Balance.ROUND_ROBIN) {
                chosen = (int) (turn.getAndIncrement() % endpoints.size());
            } else {
                for (int i = 1; i < outstanding.length; i++) if (outstanding[i].get() < outstanding[chosen].get()) chosen = i;
            }
        }
        outstanding[chosen].incrementAndGet();
        return endpoints.get(chosen);
    }

    public void release(Endpoint endpoint) {
        int i = endpoints.indexOf(endpoint);
        if (i >= 0) outstanding[i].decrementAndGet();
    }

    /** Requests in flight to each endpoint, in order. */
    public int[] outstanding() {
        int[] out = new int[outstanding.length];
        for (int i = 0; i < out.length; i++) out[i] = outstanding[i].get();
        return out;
    }
}
