package io.llmload.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads {@code llmload.conf} (workloads and SLOs) from the classpath, overlays an optional user file
 * ({@code -Dllmload.config=path}) and {@code -Dkey=value} system properties, and rejects keys the
 * defaults do not know, so a typo stops the run instead of being silently ignored.
 */
public final class LlmloadConfig {

    public static final String DEFAULTS_RESOURCE = "llmload.conf";
    public static final String USER_FILE_PROPERTY = "llmload.config";

    private final Config config;
    private final Set<String> roots;

    private LlmloadConfig(Config config, Set<String> roots) {
        this.roots = Set.copyOf(roots);
        this.config = config;
    }

    public static LlmloadConfig load() {
        ConfigFactory.invalidateCaches();
        return load(ConfigFactory.systemProperties());
    }

    /** Loads with the given overrides on top (tests pass their own instead of system properties). */
    public static LlmloadConfig load(Config overrides) {
        Config defaults;
        try {
            defaults = ConfigFactory.parseResources(DEFAULTS_RESOURCE, ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new ConfigError(DEFAULTS_RESOURCE + ": " + firstLine(e.getMessage()));
        }
        Config user = ConfigFactory.empty();
        String userPath = overrides.hasPath(USER_FILE_PROPERTY) ? overrides.getString(USER_FILE_PROPERTY) : null;
        if (userPath != null) {
            File file = new File(userPath);
            if (!file.canRead()) throw new ConfigError(USER_FILE_PROPERTY + ": cannot read file " + file.getAbsolutePath());
            try {
                user = ConfigFactory.parseFile(file);
            } catch (ConfigException e) {
                throw new ConfigError(firstLine(e.getMessage()));
            }
        }
        Set<String> roots = defaults.root().keySet();
        Config known;
        try {
            // its ${?ENVIRONMENT_VARIABLE} substitutions resolved, so its keys can be looked up
            known = defaults.resolve();
        } catch (ConfigException e) {
            throw new ConfigError(DEFAULTS_RESOURCE + ": " + firstLine(e.getMessage()));
        }
        checkKnown(known, user, roots, userPath);
        checkKnown(known, overrides, roots, "system properties");
        Config merged;
        try {
            merged = onlyRoots(overrides, roots).withFallback(user).withFallback(defaults).resolve();
        } catch (ConfigException e) {
            throw new ConfigError(firstLine(e.getMessage()));
        }
        return new LlmloadConfig(merged, roots);
    }

    public Keys section(String path) {
        if (!config.hasPath(path)) throw new ConfigError(path + ": missing section");
        return new Keys(config.getConfig(path), path);
    }

    /** This configuration with one value replaced (a simulation that needs a particular emulator, say). */
    public LlmloadConfig with(String path, Object value) {
        return new LlmloadConfig(config.withValue(path, ConfigValueFactory.fromAnyRef(value)), roots);
    }

    /** The top-level sections llmload defines (target, news, slo, emulator, ...). */
    public Set<String> roots() {
        return roots;
    }

    public Config raw() {
        return config;
    }

    private static Config onlyRoots(Config overrides, Set<String> roots) {
        Config out = ConfigFactory.empty();
        for (String root : roots) {
            if (overrides.hasPath(root)) out = out.withValue(root, overrides.getValue(root));
        }
        return out;
    }

    private static void checkKnown(Config defaults, Config overrides, Set<String> roots, String origin) {
        for (Map.Entry<String, ConfigValue> entry : overrides.entrySet()) {
            String key = entry.getKey();
            String root = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (!roots.contains(root) || defaults.hasPath(key) || underOpenSection(key) || listElement(defaults, key)) continue;
            String hint = suggestion(defaults, key);
            throw new ConfigError("unknown key '" + key + "' (from " + origin + ")" + (hint == null ? "" : "; did you mean '" + hint + "'?"));
        }
    }

    /** {@code -Dnews.levels.0=2} overrides one element of a list. */
    private static boolean listElement(Config defaults, String key) {
        int dot = key.lastIndexOf('.');
        if (dot < 0 || !key.substring(dot + 1).chars().allMatch(Character::isDigit)) return false;
        String parent = key.substring(0, dot);
        return defaults.hasPath(parent) && defaults.getValue(parent).valueType() == ConfigValueType.LIST;
    }

    /**
     * Entries under {@code slo.<workload>}, {@code alerts.<workload>} and {@code regression.<workload>}
     * are named by the user ({@link io.llmload.metrics.SloSpec} and the regression rules check their
     * fields), and so is {@code capacity.criterion}, written like an SLO; {@code runpod.input} is the job's
     * input object, whatever the handler takes; {@code emulator.adapters} names the emulator's LoRA adapters.
     */
    private static boolean underOpenSection(String key) {
        return key.startsWith("slo.") || key.startsWith("alerts.") || key.startsWith("runpod.input.")
                || key.startsWith("capacity.criterion.") || key.startsWith("emulator.adapters.")
                || key.startsWith("regression.") && key.split("\\.").length >= 4;
    }

    private static String suggestion(Config defaults, String key) {
        List<String> known = new ArrayList<>(new TreeSet<>(defaults.entrySet().stream().map(Map.Entry::getKey).toList()));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(candidate, key);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(3, key.length() / 4) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
