package dev.parley.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsTest {
    /** A name no real setting uses, so that setting it as a system property disturbs nothing else. */
    private static final String NAME = "parley.settingstest.value";
    private static final String ENV_NAME = "PARLEY_SETTINGSTEST_VALUE";

    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> contextParameters = new HashMap<>();
    private final Settings settings = new Settings(contextParameters::get, environment);

    @AfterEach
    void clearSystemProperty() {
        System.clearProperty(NAME);
    }

    private static Settings only(String name, String value) {
        UnaryOperator<String> none = n -> null;
        return new Settings(none, Map.of(Settings.environmentName(name), value));
    }

    @Test
    void mapsASettingNameToItsEnvironmentName() {
        assertEquals("PARLEY_HISTORY_SIZE", Settings.environmentName("parley.history.size"));
        assertEquals("PARLEY_PRESENCE_LIMIT", Settings.environmentName("parley.presence.limit"));
        assertEquals(ENV_NAME, Settings.environmentName(NAME));
    }

    @Test
    void readsTheEnvironmentUnderTheMappedName() {
        Settings s = new Settings(n -> null, Map.of("PARLEY_HISTORY_SIZE", "7"));
        assertEquals(7, s.positive("parley.history.size", 100));
        assertEquals(100, new Settings(n -> null, Map.of("parley.history.size", "7")).positive("parley.history.size", 100));
    }

    @Test
    void systemPropertyWinsOverEnvironmentAndContextParameter() {
        contextParameters.put(NAME, "context");
        environment.put(ENV_NAME, "environment");
        System.setProperty(NAME, "property");
        assertEquals("property", settings.text(NAME, "fallback"));
    }

    @Test
    void environmentWinsOverContextParameter() {
        contextParameters.put(NAME, "context");
        environment.put(ENV_NAME, "environment");
        assertEquals("environment", settings.text(NAME, "fallback"));
    }

    @Test
    void contextParameterIsUsedWhenNothingElseIsSet() {
        contextParameters.put(NAME, "context");
        assertEquals("context", settings.text(NAME, "fallback"));
    }

    @Test
    void fallbackIsUsedWhenTheSettingIsAbsentOrBlank() {
        assertEquals("fallback", settings.text(NAME, "fallback"));
        contextParameters.put(NAME, "  ");
        assertEquals("fallback", settings.text(NAME, "fallback"));
        assertEquals(5, settings.positive(NAME, 5));
        assertEquals(Duration.ofSeconds(9), settings.duration(NAME, Duration.ofSeconds(9)));
    }

    @Test
    void valuesAreStripped() {
        environment.put(ENV_NAME, "  42 \n");
        assertEquals("42", settings.text(NAME, null));
        assertEquals(42, settings.positive(NAME, 1));
    }

    @Test
    void readsPositiveWholeNumbers() {
        assertEquals(1, only(NAME, "1").positive(NAME, 9));
        assertEquals(2_147_483_647, only(NAME, "2147483647").positive(NAME, 9));
    }

    @Test
    void aBadNumberIsRefusedNamingTheSetting() {
        for (String bad : new String[] {"abc", "0", "-1", "1.5", "10k", "2147483648", "99999999999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> only(NAME, bad).positive(NAME, 9), bad);
            assertTrue(e.getMessage().contains(NAME), e.getMessage());
        }
    }

    @Test
    void readsDurationsInEveryUnit() {
        assertEquals(Duration.ofMillis(500), only(NAME, "500ms").duration(NAME, null));
        assertEquals(Duration.ofSeconds(30), only(NAME, "30s").duration(NAME, null));
        assertEquals(Duration.ofMinutes(5), only(NAME, "5m").duration(NAME, null));
        assertEquals(Duration.ofHours(12), only(NAME, "12h").duration(NAME, null));
        assertEquals(Duration.ofDays(30), only(NAME, "30d").duration(NAME, null));
        assertEquals(Duration.ZERO, only(NAME, "0").duration(NAME, null), "zero needs no unit");
        assertEquals(Duration.ZERO, only(NAME, "0s").duration(NAME, null));
    }

    @Test
    void aBadDurationIsRefusedNamingTheSetting() {
        for (String bad : new String[] {"30", "00", "abc", "5 minutes", "5M", "1.5h", "-5s", "s", "30s5m", "P30D"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> only(NAME, bad).duration(NAME, null), bad);
            assertTrue(e.getMessage().contains(NAME), e.getMessage());
        }
    }

    @Test
    void aDurationNumberTooLargeForALongIsRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> only(NAME, "99999999999999999999s").duration(NAME, null));
        assertTrue(e.getMessage().contains(NAME), e.getMessage());
    }

    @Test
    void aDurationTooLongForADurationIsRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> only(NAME, "9999999999999999d").duration(NAME, null));
        assertTrue(e.getMessage().contains(NAME), e.getMessage());
    }

    @Test
    void aBlankValueCountsAsUnsetAndTheLookupGoesOnToTheNextSource() {
        System.setProperty(NAME, "");
        environment.put(ENV_NAME, " \t");
        contextParameters.put(NAME, "context");
        assertEquals("context", settings.text(NAME, "fallback"));
        environment.put(ENV_NAME, "environment");
        assertEquals("environment", settings.text(NAME, "fallback"), "a blank system property does not hide it");
    }

    @Test
    void aSecretBlankInOneSourceIsTakenFromTheNext() {
        System.setProperty(NAME, " ");
        environment.put(ENV_NAME, "the-real-secret");
        assertEquals(Optional.of("the-real-secret"), settings.secret(NAME));
    }

    @Test
    void aSecretThatIsAbsentEverywhereIsEmpty() {
        assertEquals(Optional.empty(), settings.secret(NAME));
    }

    @Test
    void aSecretThatIsPresentButBlankEverywhereIsRefusedNamingTheSetting() {
        contextParameters.put(NAME, "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings.secret(NAME));
        assertTrue(e.getMessage().contains(NAME) && e.getMessage().contains("blank"), e.getMessage());
        contextParameters.remove(NAME);
        System.setProperty(NAME, "   ");
        assertThrows(IllegalArgumentException.class, () -> settings.secret(NAME));
    }
}
