package userapi.production;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of Config.fromEnvironment: defaults, overrides, and a clear Config.Invalid for each bad value. */
class ConfigTest {

    @Test
    void uses_defaults_for_an_empty_environment() {
        Config config = Config.fromEnvironment(Map.of());

        assertEquals("127.0.0.1", config.host());
        assertEquals(8080, config.port());
        assertEquals(600_000, config.passwordHashIterations());
        assertEquals(Set.of("mailinator.com", "guerrillamail.com", "10minutemail.com", "yopmail.com"),
                config.blockedEmailDomains());
    }

    @Test
    void treats_blank_numbers_as_unset() {
        Config config = Config.fromEnvironment(Map.of("PORT", "  ", "PASSWORD_HASH_ITERATIONS", ""));

        assertEquals(8080, config.port());
        assertEquals(600_000, config.passwordHashIterations());
    }

    @Test
    void takes_valid_overrides() {
        Config config = Config.fromEnvironment(Map.of(
                "HOST", " 0.0.0.0 ",
                "PORT", " 9090 ",
                "PASSWORD_HASH_ITERATIONS", "1000",
                "BLOCKED_EMAIL_DOMAINS", " Spam.Example , trash-mail.org,,"));

        assertEquals("0.0.0.0", config.host());
        assertEquals(9090, config.port());
        assertEquals(1000, config.passwordHashIterations());
        assertEquals(Set.of("spam.example", "trash-mail.org"), config.blockedEmailDomains());
    }

    @Test
    void drains_a_few_seconds_on_shutdown_unless_told_otherwise() {
        assertEquals(3, Config.fromEnvironment(Map.of()).shutdownDrainSeconds());
        assertEquals(0, Config.fromEnvironment(Map.of("SHUTDOWN_DRAIN_SECONDS", "0")).shutdownDrainSeconds());
        assertEquals(15, Config.fromEnvironment(Map.of("SHUTDOWN_DRAIN_SECONDS", " 15 ")).shutdownDrainSeconds());
    }

    @Test
    void uses_the_databases_default_pool_size_unless_db_pool_size_is_set() {
        assertEquals(0, Config.fromEnvironment(Map.of()).databasePoolSize());
        assertEquals(25, Config.fromEnvironment(Map.of("DB_POOL_SIZE", "25")).databasePoolSize());
    }

    @Test
    void takes_the_database_password_from_database_password() {
        assertEquals("s3cret pass", Config.fromEnvironment(Map.of("DATABASE_PASSWORD", "s3cret pass")).databasePassword());
        assertNull(Config.fromEnvironment(Map.of()).databasePassword());
        assertNull(Config.fromEnvironment(Map.of("DATABASE_PASSWORD", "")).databasePassword());
    }

    @Test
    void takes_the_database_password_from_the_file_without_its_trailing_line_break(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("db-password"), " s3cret pass\n");

        Config config = Config.fromEnvironment(Map.of("DATABASE_PASSWORD_FILE", secret.toString()));

        assertEquals(" s3cret pass", config.databasePassword());
    }

    @Test
    void refuses_a_missing_or_empty_password_file_naming_the_file(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nothing-here");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");

        for (Path file : List.of(missing, empty)) {
            Config.Invalid invalid = assertThrows(Config.Invalid.class,
                    () -> Config.fromEnvironment(Map.of("DATABASE_PASSWORD_FILE", file.toString())));
            assertTrue(invalid.getMessage().contains("DATABASE_PASSWORD_FILE") && invalid.getMessage().contains(file.toString()),
                    invalid.getMessage());
        }
    }

    @Test
    void refuses_both_password_settings_without_repeating_the_password(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("db-password"), "from-the-file");

        Config.Invalid invalid = assertThrows(Config.Invalid.class, () -> Config.fromEnvironment(
                Map.of("DATABASE_PASSWORD", "s3cret", "DATABASE_PASSWORD_FILE", secret.toString())));

        assertEquals("set DATABASE_PASSWORD or DATABASE_PASSWORD_FILE, not both", invalid.getMessage());
    }

    @Test
    void never_prints_the_database_password() {
        Config config = Config.fromEnvironment(Map.of("DATABASE_PASSWORD", "s3cret",
                "DATABASE_URL", "jdbc:postgresql://db:5432/users?user=app&password=inurl"));

        assertFalse(config.toString().contains("s3cret"), config.toString());
        assertFalse(config.toString().contains("inurl"), config.toString());
        assertTrue(config.toString().contains("databasePassword=***"), config.toString());
    }

    @Test
    void accepts_port_zero_for_any_free_port() {
        assertEquals(0, Config.fromEnvironment(Map.of("PORT", "0")).port());
    }

    @Test
    void accepts_an_empty_block_list() {
        assertEquals(Set.of(), Config.fromEnvironment(Map.of("BLOCKED_EMAIL_DOMAINS", "")).blockedEmailDomains());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PORT                     | abc",
            "PORT                     | 70000",
            "PORT                     | -1",
            "PORT                     | 80.5",
            "PASSWORD_HASH_ITERATIONS | 5",
            "PASSWORD_HASH_ITERATIONS | 10000001",
            "PASSWORD_HASH_ITERATIONS | many",
            "HOST                     | ' '",
            "HOST                     | ''",
            "SHUTDOWN_DRAIN_SECONDS   | -1",
            "SHUTDOWN_DRAIN_SECONDS   | 301",
            "SHUTDOWN_DRAIN_SECONDS   | 2s",
            "DB_POOL_SIZE             | -3",
            "DB_POOL_SIZE             | 1001",
            "DB_POOL_SIZE             | ten",
    })
    void rejects_a_bad_value_naming_the_variable(String variable, String value) {
        Config.Invalid invalid = assertThrows(Config.Invalid.class, () -> Config.fromEnvironment(Map.of(variable, value)));

        assertTrue(invalid.getMessage().contains(variable), invalid.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa mple.com", "under_score.com", ".leading.com", "trailing.com.", "mail@inator.com",
            "mailinator.com;evil.com"})
    void rejects_a_bad_blocked_domain_naming_the_variable_and_the_domain(String domain) {
        Config.Invalid invalid = assertThrows(Config.Invalid.class,
                () -> Config.fromEnvironment(Map.of("BLOCKED_EMAIL_DOMAINS", "ok.com," + domain)));

        assertTrue(invalid.getMessage().contains("BLOCKED_EMAIL_DOMAINS"), invalid.getMessage());
        assertTrue(invalid.getMessage().contains(domain), invalid.getMessage());
    }

    @Test
    void a_token_lives_a_day_by_default() {
        assertEquals(86_400, Config.fromEnvironment(Map.of()).tokenTtlSeconds());
    }

    @Test
    void takes_a_token_ttl_from_1_second_to_30_days() {
        assertEquals(1, Config.fromEnvironment(Map.of("TOKEN_TTL_SECONDS", "1")).tokenTtlSeconds());
        assertEquals(2_592_000, Config.fromEnvironment(Map.of("TOKEN_TTL_SECONDS", " 2592000 ")).tokenTtlSeconds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "2592001", "a day", "1e3"})
    void refuses_a_token_ttl_out_of_range_naming_the_setting_and_the_range(String value) {
        Config.Invalid invalid = assertThrows(Config.Invalid.class,
                () -> Config.fromEnvironment(Map.of("TOKEN_TTL_SECONDS", value)));

        assertEquals("TOKEN_TTL_SECONDS must be a whole number from 1 to 2592000 (default 86400), not '" + value + "'",
                invalid.getMessage());
    }

    @Test
    void keeps_the_audit_trail_90_days_by_default_and_from_1_to_3650_days() {
        assertEquals(90, Config.fromEnvironment(Map.of()).auditRetentionDays());
        assertEquals(1, Config.fromEnvironment(Map.of("AUDIT_RETENTION_DAYS", "1")).auditRetentionDays());
        assertEquals(3_650, Config.fromEnvironment(Map.of("AUDIT_RETENTION_DAYS", "3650")).auditRetentionDays());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3651", "forever"})
    void refuses_an_audit_retention_out_of_range_naming_the_setting_and_the_range(String value) {
        Config.Invalid invalid = assertThrows(Config.Invalid.class,
                () -> Config.fromEnvironment(Map.of("AUDIT_RETENTION_DAYS", value)));

        assertEquals("AUDIT_RETENTION_DAYS must be a whole number from 1 to 3650 (default 90), not '" + value + "'",
                invalid.getMessage());
    }

    @Test
    void trusts_no_proxy_by_default() {
        assertTrue(Config.fromEnvironment(Map.of()).trustedProxies().isEmpty());
    }

    @Test
    void takes_trusted_proxies_as_addresses_and_networks_of_both_families() {
        Config config = Config.fromEnvironment(Map.of("TRUSTED_PROXIES", " 127.0.0.1, 10.0.0.0/8 ,::1,fd00::/8"));

        assertTrue(config.trustedProxies().trusts("10.1.2.3"));
        assertTrue(config.trustedProxies().trusts("fd00:0:0:0:0:0:0:9"));
        assertFalse(config.trustedProxies().trusts("192.0.2.1"));
        assertTrue(config.toString().contains("trustedProxies=127.0.0.1,10.0.0.0/8,::1,fd00::/8"), config.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/40", "127.0.0.1,nope", "1.2.3"})
    void refuses_trusted_proxies_it_cannot_read_in_one_line_naming_the_entry(String value) {
        Config.Invalid invalid = assertThrows(Config.Invalid.class,
                () -> Config.fromEnvironment(Map.of("TRUSTED_PROXIES", value)));

        assertTrue(invalid.getMessage().startsWith("TRUSTED_PROXIES must be"), invalid.getMessage());
        assertEquals(1, invalid.getMessage().lines().count());
        assertTrue(invalid.getMessage().contains(value.contains(",") ? "nope" : value), invalid.getMessage());
    }
}
