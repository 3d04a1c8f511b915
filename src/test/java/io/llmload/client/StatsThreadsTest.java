package io.llmload.client;

import io.gatling.core.actor.ActorSystem;
import io.llmload.os.ThreadPolicy;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StatsThreadsTest {

    @Test
    void batchPutsEveryActorThreadUnderSchedBatchAndLeavesTheEventLoopsAsTheyWere() throws Exception {
        try (ActorSystem system = new ActorSystem()) {
            EventLoopGroup loops = new DefaultEventLoopGroup(2);
            try {
                StatsThreads.schedule(system, loops, ThreadPolicy.BATCH);

                assertThat(actorThreadPolicies(system)).containsOnly(ThreadPolicy.BATCH.number())
                        .hasSize(Runtime.getRuntime().availableProcessors());
                // as in Gatling, an actor is the first to hand the loops work: had they not been started yet, they would inherit its policy
                assertThat(loopPoliciesAsAnActorSeesThem(system, loops)).containsExactly(ThreadPolicy.NORMAL.number(), ThreadPolicy.NORMAL.number());
            } finally {
                loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
            }
        }
    }

    @Test
    void normalLeavesTheActorThreadsAlone() throws Exception {
        try (ActorSystem system = new ActorSystem()) {
            EventLoopGroup loops = new DefaultEventLoopGroup(1);
            try {
                StatsThreads.schedule(system, loops, ThreadPolicy.NORMAL);

                assertThat(actorThreadPolicies(system)).containsOnly(ThreadPolicy.NORMAL.number());
            } finally {
                loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
            }
        }
    }

    /** The policy of each of the system's threads: one task a thread, each holding its thread until all have one. */
    private static List<Integer> actorThreadPolicies(ActorSystem system) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        CountDownLatch gathered = new CountDownLatch(threads);
        List<CompletableFuture<Integer>> policies = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            CompletableFuture<Integer> policy = new CompletableFuture<>();
            policies.add(policy);
            system.executionContext().execute(() -> {
                gathered.countDown();
                try {
                    gathered.await(5, TimeUnit.SECONDS);
                    policy.complete(ThreadPolicy.currentThreadPolicy());
                } catch (InterruptedException e) {
                    policy.completeExceptionally(e);
                }
            });
        }
        List<Integer> seen = new ArrayList<>();
        for (CompletableFuture<Integer> policy : policies) seen.add(policy.get(10, TimeUnit.SECONDS));
        return seen;
    }

    private static List<Integer> loopPoliciesAsAnActorSeesThem(ActorSystem system, EventLoopGroup loops) throws Exception {
        CompletableFuture<List<Integer>> seen = new CompletableFuture<>();
        system.executionContext().execute(() -> {
            try {
                List<Integer> policies = new ArrayList<>();
                for (EventExecutor loop : loops) policies.add(loop.submit(ThreadPolicy::currentThreadPolicy).get(10, TimeUnit.SECONDS));
                seen.complete(policies);
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        });
        return seen.get(20, TimeUnit.SECONDS);
    }
}
