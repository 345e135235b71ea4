package userapi.production;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGNUP_LIMIT_PER_HOUR: opt-in, a positive whole number; anything else stops the start naming the setting. */
class ConfigSignUpLimitTest {

    @Test
    void has_no_sign_up_limit_unless_one_is_set() {
        assertEquals(0, Config.fromEnvironment(Map.of()).signUpLimitPerHour());
        assertEquals(0, Config.fromEnvironment(Map.of("SIGNUP_LIMIT_PER_HOUR", " ")).signUpLimitPerHour());
        assertTrue(Config.fromEnvironment(Map.of()).toString().contains("signUpLimitPerHour=none"));
    }

    @Test
    void reads_a_sign_up_limit() {
        assertEquals(20, Config.fromEnvironment(Map.of("SIGNUP_LIMIT_PER_HOUR", " 20 ")).signUpLimitPerHour());
        assertEquals(Config.MAX_SIGNUP_LIMIT_PER_HOUR, Config.fromEnvironment(Map.of("SIGNUP_LIMIT_PER_HOUR",
                Integer.toString(Config.MAX_SIGNUP_LIMIT_PER_HOUR))).signUpLimitPerHour());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1.5", "ten", "100001", "99999999999"})
    void refuses_a_sign_up_limit_that_is_not_a_positive_whole_number(String raw) {
        Config.Invalid invalid = assertThrows(Config.Invalid.class,
                () -> Config.fromEnvironment(Map.of("SIGNUP_LIMIT_PER_HOUR", raw)));
        assertTrue(invalid.getMessage().startsWith("SIGNUP_LIMIT_PER_HOUR must be a whole number from 1 to 100000"),
                invalid.getMessage());
        assertTrue(invalid.getMessage().contains("'" + raw + "'"), invalid.getMessage());
    }
}
