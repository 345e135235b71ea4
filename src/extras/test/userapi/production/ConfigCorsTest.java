package userapi.production;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CORS_ORIGINS in Config: none by default, exact origins or *, and one clear line for a value that is no origin. */
class ConfigCorsTest {
    @Test
    void allows_no_origin_by_default() {
        assertFalse(Config.fromEnvironment(Map.of()).corsOrigins().enabled());
        assertFalse(Config.fromEnvironment(Map.of("CORS_ORIGINS", " ")).corsOrigins().enabled());
    }

    @Test
    void takes_exact_origins_as_a_browser_sends_them() {
        Config config = Config.fromEnvironment(Map.of("CORS_ORIGINS", "https://App.Example.com:443, http://localhost:3000"));

        assertEquals("https://app.example.com", config.corsOrigins().allowOriginFor("https://app.example.com"));
        assertEquals("http://localhost:3000", config.corsOrigins().allowOriginFor("http://localhost:3000"));
        assertEquals(null, config.corsOrigins().allowOriginFor("http://localhost:3001"));
        assertTrue(config.toString().contains("corsOrigins=http://localhost:3000,https://app.example.com"), config.toString());
    }

    @Test
    void takes_a_star_for_any_origin() {
        assertTrue(Config.fromEnvironment(Map.of("CORS_ORIGINS", "*")).corsOrigins().any());
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.example.com", "https://app.example.com/", "https://app.example.com/app",
            "ftp://app.example.com", "https://user@app.example.com", "*,https://app.example.com", "null",
            "https://app.example.com?x=1", "https://"})
    void refuses_what_is_not_an_origin_in_one_line_naming_the_setting_and_the_entry(String value) {
        Config.Invalid invalid = assertThrows(Config.Invalid.class,
                () -> Config.fromEnvironment(Map.of("CORS_ORIGINS", value)));

        assertTrue(invalid.getMessage().startsWith("CORS_ORIGINS must be"), invalid.getMessage());
        assertFalse(invalid.getMessage().contains("\n"), invalid.getMessage());
    }
}
