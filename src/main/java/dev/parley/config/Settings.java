package dev.parley.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks a setting up by its one name: a Java system property ({@code parley.history.size}), then an
 * environment variable ({@code PARLEY_HISTORY_SIZE}), then a servlet context parameter. A value that
 * does not parse stops the application with a message naming the setting.
 */
public final class Settings {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final UnaryOperator<String> contextParameters;
    private final Map<String, String> environment;

    public Settings(UnaryOperator<String> contextParameters) {
        this(contextParameters, System.getenv());
    }

    Settings(UnaryOperator<String> contextParameters, Map<String, String> environment) {
        this.contextParameters = contextParameters;
        this.environment = environment;
    }

    public static String environmentName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public String text(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = environment.get(environmentName(name));
        }
        if (value == null) {
            value = contextParameters.apply(name);
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** A comma-separated list; empty when the setting is absent. */
    public List<String> list(String name) {
        String value = text(name, "");
        return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    public int positive(String name, int fallback) {
        String value = text(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, not '" + value + "'");
    }

    /**
     * A duration written as a number and a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 30d};
     * zero may be written {@code 0}.
     */
    public Duration duration(String name, Duration fallback) {
        String value = text(name, null);
        if (value == null) {
            return fallback;
        }
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(value);
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } catch (NumberFormatException | ArithmeticException e) {
                // too large: reported below
            }
        }
        throw new IllegalArgumentException(name + " must be a duration such as 30s, 5m or 30d, not '" + value + "'");
    }
}
