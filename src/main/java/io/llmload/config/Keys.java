package io.llmload.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Typed reads from a config section that fail with one line naming the full key, the expected
 * type and the value found, e.g. {@code news.hold-time: expected a duration such as 30s, got "soon"}.
 */
public final class Keys {

    private final Config config;
    private final String prefix;

    public Keys(Config config, String prefix) {
        this.config = config;
        this.prefix = prefix;
    }

    public Keys section(String path) {
        return new Keys(config.getConfig(path), key(path));
    }

    public boolean has(String path) {
        return config.hasPath(path);
    }

    public Config raw() {
        return config;
    }

    public String key(String path) {
        return prefix.isEmpty() ? path : prefix + "." + path;
    }

    public String string(String path) {
        return read(path, "a string", config::getString);
    }

    public boolean bool(String path) {
        return read(path, "true or false", config::getBoolean);
    }

    public int integer(String path) {
        return read(path, "an integer", config::getInt);
    }

    public int positiveInt(String path) {
        int value = integer(path);
        if (value < 1) throw new ConfigError(key(path) + ": expected an integer >= 1, got " + value);
        return value;
    }

    public double number(String path) {
        return read(path, "a number", config::getDouble);
    }

    public double fraction(String path) {
        double value = number(path);
        if (value < 0 || value > 1) throw new ConfigError(key(path) + ": expected a number between 0 and 1, got " + render(path));
        return value;
    }

    public Duration duration(String path) {
        return read(path, "a duration such as 30s or 250ms", config::getDuration);
    }

    public Duration positiveDuration(String path) {
        Duration value = duration(path);
        if (value.isNegative() || value.isZero()) throw new ConfigError(key(path) + ": expected a duration > 0, got " + render(path));
        return value;
    }

    /** A duration of at least {@code min} (a budget printed in milliseconds must be at least one). */
    public Duration durationAtLeast(String path, Duration min) {
        Duration value = duration(path);
        if (value.compareTo(min) < 0) {
            throw new ConfigError(key(path) + ": expected a duration of at least " + min.toMillis() + "ms, got " + render(path));
        }
        return value;
    }

    /** A size such as 1MiB, 512KB or 65536 (bytes), between 1 byte and {@code max}. */
    public int byteSize(String path, long max) {
        long value = read(path, "a size such as 1MiB or 65536", config::getBytes);
        if (value < 1 || value > max) throw new ConfigError(key(path) + ": expected a size between 1 byte and " + max + " bytes, got " + render(path));
        return (int) value;
    }

    /** A string that is not empty or blank (a name shown in reports). */
    public String nonBlank(String path) {
        String value = string(path);
        if (value.isBlank()) throw new ConfigError(key(path) + ": expected a non-empty string, got " + render(path));
        return value;
    }

    public List<Integer> positiveIntList(String path) {
        List<Integer> values = read(path, "a list of integers such as [1, 5, 10] or \"1,5,10\"", this::intList);
        if (values.isEmpty()) throw new ConfigError(key(path) + ": expected a non-empty list of integers");
        for (int v : values) {
            if (v < 1) throw new ConfigError(key(path) + ": expected integers >= 1, got " + v);
        }
        return values;
    }

    /** A list of numbers > 0 (rates), in HOCON or as -Dkey=0.5,2,8 gives. */
    public List<Double> positiveNumberList(String path) {
        List<Double> values = read(path, "a list of numbers such as [0.5, 2, 8] or \"0.5,2,8\"", this::numberList);
        if (values.isEmpty()) throw new ConfigError(key(path) + ": expected a non-empty list of numbers");
        for (double v : values) {
            if (!(v > 0) || Double.isInfinite(v)) throw new ConfigError(key(path) + ": expected numbers > 0, got " + v);
        }
        return values;
    }

    public <E extends Enum<E>> E choice(String path, Class<E> type) {
        String value = string(path);
        for (E e : type.getEnumConstants()) {
            if (e.name().replace('_', '-').equalsIgnoreCase(value.replace('_', '-'))) return e;
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().replace('_', '-').toLowerCase());
        }
        throw new ConfigError(key(path) + ": expected one of " + allowed + ", got \"" + value + "\"");
    }

    private List<Double> numberList(String path) {
        return list(path, config::getDoubleList, Double::parseDouble);
    }

    private List<Integer> intList(String path) {
        return list(path, config::getIntList, Integer::parseInt);
    }

    /** A HOCON list, or a comma-separated string as -Dkey=1,5,10 gives. */
    private <T> List<T> list(String path, Function<String, List<T>> hoconList, Function<String, T> parse) {
        if (config.getValue(path).valueType() != ConfigValueType.STRING) return hoconList.apply(path);
        List<T> out = new ArrayList<>();
        for (String part : config.getString(path).split(",")) {
            try {
                out.add(parse.apply(part.trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException.BadValue(path, "not a list of numbers");
            }
        }
        return out;
    }

    private <T> T read(String path, String expected, Function<String, T> getter) {
        try {
            return getter.apply(path);
        } catch (ConfigException.Missing e) {
            throw new ConfigError(key(path) + ": missing (expected " + expected + ")");
        } catch (ConfigException e) {
            throw new ConfigError(key(path) + ": expected " + expected + ", got " + render(path));
        }
    }

    private String render(String path) {
        try {
            ConfigValue value = config.getValue(path);
            return value.render(ConfigRenderOptions.concise());
        } catch (ConfigException e) {
            return "an invalid value";
        }
    }
}
