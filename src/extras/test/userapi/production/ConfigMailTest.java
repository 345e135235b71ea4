package userapi.production;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import userapi.account.Mail;
import userapi.mail.MailSettings;
import userapi.mail.Mailers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Config for account recovery: PUBLIC_URL, REQUIRE_VERIFIED_EMAIL and where mails go (SMTP_*, MAIL_FROM, MAIL_DIR). */
class ConfigMailTest {
    private static final Map<String, String> SMTP = Map.of("SMTP_HOST", "smtp.example.com", "MAIL_FROM", "no-reply@example.com");

    private static Config with(Map<String, String> base, String... pairs) {
        Map<String, String> env = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return Config.fromEnvironment(env);
    }

    private static Config.Invalid invalid(Map<String, String> base, String... pairs) {
        return assertThrows(Config.Invalid.class, () -> with(base, pairs));
    }

    @Test
    void without_smtp_host_mails_become_files_under_data_mail_from_userapi_at_localhost() {
        Config config = Config.fromEnvironment(Map.of());

        assertEquals(new MailSettings(null, 587, MailSettings.Security.STARTTLS, null, null, "userapi@localhost",
                Path.of("data/mail")), config.mail());
        assertFalse(config.mail().usesSmtp());
    }

    @Test
    void a_blank_smtp_host_is_no_smtp_host() {
        assertFalse(with(Map.of(), "SMTP_HOST", "  ").mail().usesSmtp());
    }

    @Test
    void derives_the_public_url_at_start_and_lets_unverified_addresses_sign_in_by_default() {
        Config config = Config.fromEnvironment(Map.of());

        assertNull(config.publicUrl());
        assertFalse(config.requireVerifiedEmail());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://users.example.com           | https://users.example.com",
            "' https://users.example.com/ '      | https://users.example.com",
            "http://localhost:8080/userapi/      | http://localhost:8080/userapi",
            "HTTPS://Users.Example.com:8443/a/b  | HTTPS://Users.Example.com:8443/a/b",
    })
    void takes_the_public_url_without_its_trailing_slash(String value, String expected) {
        assertEquals(expected, with(Map.of(), "PUBLIC_URL", value).publicUrl());
    }

    @Test
    void a_blank_public_url_is_derived_at_start() {
        assertNull(with(Map.of(), "PUBLIC_URL", " ").publicUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"users.example.com", "/reset", "ftp://users.example.com", "mailto:a@example.com",
            "https://users.example.com/?from=mail", "https://users.example.com/#top", "https:///path", "http://exa mple.com"})
    void refuses_a_public_url_that_is_not_an_absolute_http_url_without_query_or_fragment(String value) {
        Config.Invalid invalid = invalid(Map.of(), "PUBLIC_URL", value);

        assertTrue(invalid.getMessage().startsWith("PUBLIC_URL must be "), invalid.getMessage());
        assertTrue(invalid.getMessage().contains("'" + value + "'"), invalid.getMessage());
    }

    @Test
    void refuses_a_public_url_with_credentials_without_repeating_them() {
        Config.Invalid invalid = invalid(Map.of(), "PUBLIC_URL", "https://admin:s3cret@users.example.com");

        assertEquals("PUBLIC_URL must be a URL without user:password@, the base of the links in mails such as "
                + "https://users.example.com; not 'https://***@users.example.com'", invalid.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"true, true", "false, false", "TRUE, true", "' False ', false"})
    void takes_require_verified_email_as_true_or_false(String value, boolean expected) {
        assertEquals(expected, with(Map.of(), "REQUIRE_VERIFIED_EMAIL", value).requireVerifiedEmail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", "truee"})
    void refuses_any_other_require_verified_email(String value) {
        Config.Invalid invalid = invalid(Map.of(), "REQUIRE_VERIFIED_EMAIL", value);

        assertEquals("REQUIRE_VERIFIED_EMAIL must be true or false (default false), not '" + value + "'",
                invalid.getMessage());
    }

    @Test
    void takes_every_smtp_setting() {
        Config config = with(Map.of(), "SMTP_HOST", " smtp.example.com ", "SMTP_PORT", "465", "SMTP_SECURITY", "tls",
                "SMTP_USERNAME", "app", "SMTP_PASSWORD", "s3cret", "MAIL_FROM", "Users <no-reply@example.com>",
                "MAIL_DIR", "/var/lib/userapi/mail");

        assertEquals(new MailSettings("smtp.example.com", 465, MailSettings.Security.TLS, "app", "s3cret",
                "Users <no-reply@example.com>", Path.of("/var/lib/userapi/mail")), config.mail());
        assertTrue(config.mail().usesSmtp());
    }

    @Test
    void requires_starttls_on_port_587_without_a_login_by_default() {
        MailSettings mail = Config.fromEnvironment(SMTP).mail();

        assertEquals(587, mail.smtpPort());
        assertEquals(MailSettings.Security.STARTTLS, mail.security());
        assertNull(mail.username());
        assertNull(mail.password());
    }

    @ParameterizedTest
    @CsvSource({"starttls, STARTTLS", "STARTTLS, STARTTLS", "Tls, TLS", "' none ', NONE", "'', STARTTLS"})
    void reads_smtp_security_in_any_case(String value, MailSettings.Security expected) {
        assertEquals(expected, with(SMTP, "SMTP_SECURITY", value).mail().security());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssl", "starttls-optional", "true"})
    void refuses_another_smtp_security(String value) {
        Config.Invalid invalid = invalid(SMTP, "SMTP_SECURITY", value);

        assertTrue(invalid.getMessage().startsWith("SMTP_SECURITY must be starttls (default"), invalid.getMessage());
        assertTrue(invalid.getMessage().endsWith("not '" + value + "'"), invalid.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-25", "smtp"})
    void refuses_an_smtp_port_out_of_range(String value) {
        Config.Invalid invalid = invalid(SMTP, "SMTP_PORT", value);

        assertEquals("SMTP_PORT must be a whole number from 1 to 65535 (default 587), not '" + value + "'",
                invalid.getMessage());
    }

    @Test
    void takes_the_smtp_password_from_its_file_without_the_trailing_line_break(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("smtp-password"), " s3cret pass\r\n");

        Config config = with(SMTP, "SMTP_USERNAME", "app", "SMTP_PASSWORD_FILE", secret.toString());

        assertEquals(" s3cret pass", config.mail().password());
    }

    @Test
    void refuses_both_smtp_password_settings_without_repeating_the_password(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("smtp-password"), "from-the-file");

        Config.Invalid invalid = invalid(SMTP, "SMTP_USERNAME", "app", "SMTP_PASSWORD", "s3cret",
                "SMTP_PASSWORD_FILE", secret.toString());

        assertEquals("set SMTP_PASSWORD or SMTP_PASSWORD_FILE, not both", invalid.getMessage());
    }

    @Test
    void refuses_a_missing_or_empty_smtp_password_file_naming_the_file(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nothing-here");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");

        for (Path file : List.of(missing, empty)) {
            Config.Invalid invalid = invalid(SMTP, "SMTP_USERNAME", "app", "SMTP_PASSWORD_FILE", file.toString());
            assertTrue(invalid.getMessage().startsWith("SMTP_PASSWORD_FILE names " + file + ", which "),
                    invalid.getMessage());
        }
    }

    @Test
    void refuses_an_smtp_username_without_an_smtp_host() {
        Config.Invalid invalid = invalid(Map.of(), "SMTP_USERNAME", "app", "SMTP_PASSWORD", "s3cret");

        assertTrue(invalid.getMessage().startsWith("SMTP_USERNAME is set but SMTP_HOST is not"), invalid.getMessage());
        assertFalse(invalid.getMessage().contains("s3cret"), invalid.getMessage());
    }

    @Test
    void refuses_an_smtp_password_without_a_username(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("smtp-password"), "s3cret");

        for (Map<String, String> password : List.of(Map.of("SMTP_PASSWORD", "s3cret"),
                Map.of("SMTP_PASSWORD_FILE", secret.toString()))) {
            Map<String, String> env = new HashMap<>(SMTP);
            env.putAll(password);
            Config.Invalid invalid = assertThrows(Config.Invalid.class, () -> Config.fromEnvironment(env));
            assertTrue(invalid.getMessage().startsWith("SMTP_PASSWORD (or SMTP_PASSWORD_FILE) is set but SMTP_USERNAME is not"),
                    invalid.getMessage());
            assertFalse(invalid.getMessage().contains("s3cret"), invalid.getMessage());
        }
    }

    @Test
    void requires_mail_from_with_an_smtp_host() {
        Config.Invalid invalid = invalid(Map.of(), "SMTP_HOST", "smtp.example.com");

        assertTrue(invalid.getMessage().startsWith("MAIL_FROM must be set with SMTP_HOST"), invalid.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-reply@example.com", "userapi@localhost", "Users <no-reply@example.com>",
            "<no-reply@example.com>", "\"Users, Inc.\" <no-reply@example.com>", "Zoë Café <zoe@example.com>",
            "J. Doe (support) <j.doe+users@mail.example.com>"})
    void takes_a_mail_from_that_the_mailer_can_use(String value, @TempDir Path dir) throws Exception {
        Config config = with(SMTP, "MAIL_FROM", value);
        assertEquals(value, config.mail().from());

        Config withoutSmtp = with(Map.of(), "MAIL_FROM", " " + value + " ", "MAIL_DIR", dir.toString());
        assertEquals(value, withoutSmtp.mail().from());
        Mailers.of(withoutSmtp.mail()).send(new Mail("zoe@example.com", "Hello", "Hello"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-reply", "no-reply@", "@example.com", "a@b@example.com", "Users <no-reply>",
            "Users no-reply@example.com", "Users, Inc <no-reply@example.com>", "no-reply@example.com\r\nBcc: x@evil.example",
            "Users <no-reply@example.com", "a b@example.com", "no-reply@-example.com"})
    void refuses_a_mail_from_that_is_not_an_address(String value) {
        Config.Invalid invalid = invalid(SMTP, "MAIL_FROM", value);

        assertTrue(invalid.getMessage().startsWith("MAIL_FROM must be an address such as no-reply@example.com"),
                invalid.getMessage());
    }

    @Test
    void refuses_a_bad_mail_from_even_without_smtp() {
        assertThrows(Config.Invalid.class, () -> with(Map.of(), "MAIL_FROM", "nobody"));
    }

    @Test
    void takes_mail_dir_and_treats_blank_as_the_default() {
        assertEquals(Path.of("/srv/mail"), with(Map.of(), "MAIL_DIR", " /srv/mail ").mail().directory());
        assertEquals(Path.of("data/mail"), with(Map.of(), "MAIL_DIR", " ").mail().directory());
    }

    @Test
    void refuses_a_mail_dir_that_is_no_path() {
        Config.Invalid invalid = invalid(Map.of(), "MAIL_DIR", "data/\0mail");

        assertTrue(invalid.getMessage().startsWith("MAIL_DIR must be a directory path"), invalid.getMessage());
    }

    @Test
    void prints_the_new_settings_but_never_the_smtp_password() {
        Config config = with(SMTP, "SMTP_USERNAME", "app", "SMTP_PASSWORD", "s3cret", "PUBLIC_URL", "https://users.example.com",
                "REQUIRE_VERIFIED_EMAIL", "true");

        String printed = config.toString();
        assertFalse(printed.contains("s3cret"), printed);
        assertTrue(printed.contains("publicUrl=https://users.example.com"), printed);
        assertTrue(printed.contains("requireVerifiedEmail=true"), printed);
        assertTrue(printed.contains("smtpHost=smtp.example.com"), printed);
        assertTrue(printed.contains("username=app, password=***"), printed);
    }
}
