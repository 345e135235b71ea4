package userapi.mail;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mailers.of picks SMTP or files from the settings; MailSettings holds together and never prints its password. */
class MailersTest {
    private static final Path DIR = Path.of("data/mail");

    @Test
    void sends_through_smtp_when_the_settings_name_a_server() {
        MailSettings settings = new MailSettings("smtp.example.com", 587, MailSettings.Security.STARTTLS, "app", "s3cret",
                "no-reply@example.com", DIR);

        assertInstanceOf(SmtpMailer.class, Mailers.of(settings));
    }

    @Test
    void writes_files_when_they_name_none() {
        MailSettings settings = new MailSettings(null, 587, MailSettings.Security.STARTTLS, null, null, null, DIR);

        assertInstanceOf(FileMailer.class, Mailers.of(settings));
        assertEquals(MailSettings.DEFAULT_FROM, settings.from());
    }

    @Test
    void settings_refuse_an_smtp_server_without_a_from_address_or_a_password_without_a_username() {
        assertThrows(NullPointerException.class,
                () -> new MailSettings("smtp.example.com", 587, MailSettings.Security.TLS, null, null, null, DIR));
        assertThrows(IllegalArgumentException.class,
                () -> new MailSettings("smtp.example.com", 587, MailSettings.Security.TLS, null, "s3cret", "a@example.com", DIR));
    }

    @Test
    void settings_never_print_the_password() {
        String printed = new MailSettings("smtp.example.com", 587, MailSettings.Security.STARTTLS, "app", "s3cret",
                "no-reply@example.com", DIR).toString();

        assertFalse(printed.contains("s3cret"), printed);
        assertTrue(printed.contains("password=***"), printed);
    }
}
