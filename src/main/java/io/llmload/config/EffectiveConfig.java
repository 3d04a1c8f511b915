package io.llmload.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The configuration a run used, as JSON, with secret values replaced: safe to store with the results. */
public final class EffectiveConfig {

    public static final String REDACTED = "***";
    /** Keys whose value is a secret itself (names of environment variables, such as api-key-env, are not). */
    private static final Set<String> SECRET_NAMES = Set.of("api-key", "password", "secret", "token", "user");

    private EffectiveConfig() {
    }

    public static String json(LlmloadConfig config) {
        Config out = ConfigFactory.empty();
        for (String root : new TreeSet<>(config.roots())) {
            if (config.raw().hasPath(root)) out = out.withValue(root, config.raw().getValue(root));
        }
        for (Map.Entry<String, ConfigValue> e : out.entrySet()) {
            String key = e.getKey();
            String last = key.substring(key.lastIndexOf('.') + 1);
            if (SECRET_NAMES.contains(last)) out = out.withValue(key, ConfigValueFactory.fromAnyRef(REDACTED));
        }
        return out.root().render(ConfigRenderOptions.concise());
    }
}
