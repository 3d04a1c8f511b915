package io.llmload.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.llmload.client.openai.CompletionCall;
import io.llmload.client.openai.OpenAi;
import io.llmload.config.ApiStyle;
import io.llmload.config.ConversationSettings;
import io.llmload.config.GoodputCriteria;
import io.llmload.config.LlmloadConfig;
import io.llmload.prompts.PromptList;
import io.llmload.prompts.ShareGptConversations;
import io.llmload.run.ClosedLadder;
import io.llmload.run.LlmRun;
import io.llmload.run.RunPlan;

import java.util.function.Function;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;

/**
 * Multi-turn chat: each virtual user holds one conversation of N turns, sending its whole history
 * every turn (the prompt grows; a prefix cache serves the earlier turns) and thinking between turns;
 * a closed model of conversations at each level. TTFT, E2E and tokens per turn ("turn 1" .. "turn N").
 * The turns are openers and follow-ups, or the human turns of real ShareGPT conversations.
 */
public class ConversationSimulation extends Simulation {

    private static final String HISTORY = "llmload.conversation";

    private final LlmloadConfig config = LlmloadConfig.load();
    private final ConversationSettings conversation = ConversationSettings.from(config.section("conversation"));
    private final LlmRun run = LlmRun.prepare(config, new RunPlan("ConversationSimulation", "conversation", "conversation",
            GoodputCriteria.NONE, conversation.turnNames(), conversation::levels, true, true, null));
    private final PromptList openers = PromptList.load("conversation.feeder.openers", conversation.openersFile());
    private final PromptList followUps = PromptList.load("conversation.feeder.follow-ups", conversation.followUpsFile());
    /** Real conversations' human turns instead of openers and follow-ups, when conversation.feeder.sharegpt names a file. */
    private final ShareGptConversations shareGpt = conversation.shareGptFile().isEmpty() ? null
            : ShareGptConversations.load(ConversationSettings.SHAREGPT_KEY, conversation.shareGptFile(), conversation.turns());
    private final CompletionCall call = new CompletionCall(ApiStyle.CHAT, run.targetSettings().model(), conversation.maxTokens(),
            conversation.temperature(), conversation.stream(), true);

    private ChainBuilder turn(int k) {
        ChainBuilder ask = shareGpt != null
                ? (k == 1 ? feed(shareGpt.feeder(run.injector())) : exec(session -> session))
                        .exec(request(k, session -> session.<String>getList(ShareGptConversations.TURNS_ATTRIBUTE).get(k - 1)))
                : feed(k == 1 ? openers.feeder(run.injector()) : followUps.feeder(run.injector()))
                        .exec(request(k, session -> session.getString(PromptList.PROMPT_ATTRIBUTE)));
        return k == conversation.turns() ? ask : ask.exec(pause(conversation.thinkTime()));
    }

    private OpenAi.Builder request(int k, Function<Session, String> prompt) {
        return OpenAi.request(ConversationSettings.turnName(k), call, run.target()).prompt(prompt).conversation(HISTORY);
    }

    /** One whole conversation at level c; a user holds one after another, each starting with no history. */
    private ChainBuilder conversationAt(int level) {
        ChainBuilder turns = turn(1);
        for (int k = 2; k <= conversation.turns(); k++) turns = turns.exec(turn(k));
        return exec(session -> session.remove(HISTORY)).exec(group(ClosedLadder.groupName(level)).on(exec(turns)));
    }

    {
        setUp(run.inSequenceThenSloGate(ClosedLadder.of("conversation", conversation.levels(), conversation.holdTime(), run.injector(), this::conversationAt)))
                .assertions(run.assertions());
    }

    @Override
    public void before() {
        run.start();
    }

    @Override
    public void after() {
        run.finish();
    }
}
