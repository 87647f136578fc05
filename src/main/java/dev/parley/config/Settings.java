package dev.parley.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks a setting up by its one name: a Java system property ({@code parley.history.size}), then an
 * environment variable ({@code PARLEY_HISTORY_SIZE}), then a servlet context parameter; a blank value
 * counts as unset, so the lookup goes on to the next source. A value that does not parse stops the
 * application with a message naming the setting.
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

    /** The first non-blank value in the order above, stripped; a blank value counts as unset. */
    public String text(String name, String fallback) {
        for (String value : values(name)) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return fallback;
    }

    /**
     * A secret: absent when no source has it, and refused when a source has it but every one is blank, since
     * a secret that was meant to be set and came out empty (an unset shell variable, say) must not turn a
     * protection off silently.
     *
     * @throws IllegalArgumentException when the setting is present but blank
     */
    public Optional<String> secret(String name) {
        String value = text(name, null);
        if (value == null && Arrays.stream(values(name)).anyMatch(v -> v != null)) {
            throw new IllegalArgumentException(name + " is set but blank: give it a value, or remove the setting");
        }
        return Optional.ofNullable(value);
    }

    private String[] values(String name) {
        return new String[] {System.getProperty(name), environment.get(environmentName(name)),
                contextParameters.apply(name)};
    }

    /** A comma-separated list; empty when the setting is absent. */
    public List<String> list(String name) {
        String value = text(name, "");
        return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** {@code true} or {@code false}. */
    public boolean flag(String name, boolean fallback) {
        String value = text(name, null);
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
        };
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
