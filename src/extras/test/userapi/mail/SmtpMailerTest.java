package userapi.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import userapi.account.Mail;
import userapi.account.MailNotSent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SmtpMailer against GreenMail's SMTP and SMTPS servers on free ports: what arrives, and how each failure reads. */
class SmtpMailerTest {
    private static final Instant NOW = Instant.parse("2026-12-04T16:01:02Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String PASSWORD = "s3cret-Pa55";
    private static final Mail MAIL = new Mail("zoe@example.com", "Réinitialisez le mot de passe ✓",
            "Bonjour Zoë,\n\nouvrez https://users.example.com/reset-password#token=tok-123 — merci.\n");

    private GreenMail greenMail;

    @BeforeEach
    void startServers() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)});
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser("zoe@example.com", "app", PASSWORD));
        greenMail.start();
    }

    @AfterEach
    void stopServers() {
        greenMail.stop();
    }

    private MailSettings plain(String username, String password) {
        return new MailSettings("127.0.0.1", greenMail.getSmtp().getPort(), MailSettings.Security.NONE, username, password,
                "Users Team <no-reply@example.com>", Path.of("unused"));
    }

    private MimeMessage theOnlyMailReceived() {
        assertTrue(greenMail.waitForIncomingEmail(5_000, 1), "no mail arrived");
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(1, received.length);
        return received[0];
    }

    @Test
    void delivers_a_mail_with_its_from_to_subject_date_and_utf8_text() throws Exception {
        new SmtpMailer(plain(null, null), CLOCK).send(MAIL);

        MimeMessage received = theOnlyMailReceived();
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertEquals("no-reply@example.com", from.getAddress());
        assertEquals("Users Team", from.getPersonal());
        assertArrayEquals(new InternetAddress[] {new InternetAddress("zoe@example.com")},
                received.getRecipients(Message.RecipientType.TO));
        assertEquals(MAIL.subject(), received.getSubject());
        assertEquals(Date.from(NOW), received.getSentDate());
        assertTrue(received.getContentType().toLowerCase().matches("text/plain; charset=\"?utf-8\"?"),
                received.getContentType());
        // GreenMail keeps the body without its last line break (it reads it as part of the end-of-data mark)
        assertEquals(MAIL.text().stripTrailing(), ((String) received.getContent()).replace("\r\n", "\n"));
        assertTrue(received.getMessageID().matches("<[0-9a-f-]{36}@example\\.com>"), received.getMessageID());
    }

    @Test
    void logs_in_with_the_username_and_password() throws Exception {
        new SmtpMailer(plain("app", PASSWORD), CLOCK).send(MAIL);

        assertEquals(MAIL.subject(), theOnlyMailReceived().getSubject());
    }

    @Test
    void a_wrong_password_is_refused_without_the_message_showing_it() {
        SmtpMailer mailer = new SmtpMailer(plain("app", "wrong-" + PASSWORD), CLOCK);

        MailNotSent notSent = assertThrows(MailNotSent.class, () -> mailer.send(MAIL));

        assertFalse(notSent.getMessage().contains(PASSWORD), notSent.getMessage());
        assertMentionsNoMailText(notSent);
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void refuses_to_send_when_starttls_is_required_and_the_server_does_not_offer_it() {
        MailSettings settings = new MailSettings("127.0.0.1", greenMail.getSmtp().getPort(), MailSettings.Security.STARTTLS,
                "app", PASSWORD, "no-reply@example.com", Path.of("unused"));

        MailNotSent notSent = assertThrows(MailNotSent.class, () -> new SmtpMailer(settings, CLOCK).send(MAIL));

        assertTrue(notSent.getMessage().contains("STARTTLS"), notSent.getMessage());
        assertFalse(notSent.getMessage().contains(PASSWORD), notSent.getMessage());
        assertMentionsNoMailText(notSent);
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void delivers_over_tls_when_the_certificate_is_trusted() throws Exception {
        Properties trustGreenMail = new Properties();
        trustGreenMail.setProperty("mail.smtp.ssl.trust", "127.0.0.1");
        // GreenMail's self-signed certificate names no host; trusting it must not need the name check elsewhere
        trustGreenMail.setProperty("mail.smtp.ssl.checkserveridentity", "false");

        new SmtpMailer(tls(), CLOCK, trustGreenMail).send(MAIL);

        assertEquals(MAIL.subject(), theOnlyMailReceived().getSubject());
    }

    @Test
    void refuses_a_tls_server_whose_certificate_is_not_trusted() {
        MailNotSent notSent = assertThrows(MailNotSent.class, () -> new SmtpMailer(tls(), CLOCK).send(MAIL));

        assertFalse(notSent.getMessage().contains(PASSWORD), notSent.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    private MailSettings tls() {
        return new MailSettings("127.0.0.1", greenMail.getSmtps().getPort(), MailSettings.Security.TLS, "app", PASSWORD,
                "no-reply@example.com", Path.of("unused"));
    }

    @Test
    void fails_quickly_with_one_line_when_the_server_is_down() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        MailSettings settings = new MailSettings("127.0.0.1", closedPort, MailSettings.Security.STARTTLS, "app", PASSWORD,
                "no-reply@example.com", Path.of("unused"));

        long start = System.nanoTime();
        MailNotSent notSent = assertThrows(MailNotSent.class, () -> new SmtpMailer(settings, CLOCK).send(MAIL));

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "took too long");
        assertTrue(notSent.getMessage().startsWith("mail to zoe@example.com not sent through 127.0.0.1:" + closedPort),
                notSent.getMessage());
        assertFalse(notSent.getMessage().contains("\n"), notSent.getMessage());
        assertFalse(notSent.getMessage().contains(PASSWORD), notSent.getMessage());
        assertMentionsNoMailText(notSent);
    }

    @Test
    void gives_up_on_a_server_that_accepts_the_connection_but_never_answers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread accepter = Thread.ofVirtual().start(() -> {
                try (Socket connection = silent.accept()) {
                    connection.getInputStream().read(); // says nothing; returns when the client hangs up
                } catch (IOException e) {
                    // the test is over
                }
            });
            Properties shortTimeout = new Properties();
            shortTimeout.setProperty("mail.smtp.timeout", "300");
            MailSettings settings = new MailSettings("127.0.0.1", silent.getLocalPort(), MailSettings.Security.NONE,
                    null, null, "no-reply@example.com", Path.of("unused"));

            long start = System.nanoTime();
            assertThrows(MailNotSent.class, () -> new SmtpMailer(settings, CLOCK, shortTimeout).send(MAIL));

            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "the read timeout did not apply");
            accepter.join(Duration.ofSeconds(5));
        }
    }

    @Test
    void bounds_connecting_reading_and_writing_in_time() {
        Properties properties = new SmtpMailer(plain(null, null), CLOCK).sessionProperties();

        assertEquals("10000", properties.getProperty("mail.smtp.connectiontimeout"));
        assertEquals("30000", properties.getProperty("mail.smtp.timeout"));
        assertEquals("30000", properties.getProperty("mail.smtp.writetimeout"));
    }

    @Test
    void requires_starttls_or_tls_as_the_settings_say_and_checks_the_server_name() {
        MailSettings starttls = new MailSettings("mail.example.com", 587, MailSettings.Security.STARTTLS, null, null,
                "no-reply@example.com", Path.of("unused"));
        MailSettings tls = new MailSettings("mail.example.com", 465, MailSettings.Security.TLS, null, null,
                "no-reply@example.com", Path.of("unused"));

        Properties forStarttls = new SmtpMailer(starttls, CLOCK).sessionProperties();
        Properties forTls = new SmtpMailer(tls, CLOCK).sessionProperties();

        assertEquals("true", forStarttls.getProperty("mail.smtp.starttls.enable"));
        assertEquals("true", forStarttls.getProperty("mail.smtp.starttls.required"));
        assertEquals("true", forStarttls.getProperty("mail.smtp.ssl.checkserveridentity"));
        assertEquals("true", forTls.getProperty("mail.smtp.ssl.enable"));
        assertEquals("true", forTls.getProperty("mail.smtp.ssl.checkserveridentity"));
        assertEquals("false", forTls.getProperty("mail.smtp.auth"));
    }

    private static void assertMentionsNoMailText(MailNotSent notSent) {
        assertFalse(notSent.getMessage().contains("tok-123"), notSent.getMessage());
        assertFalse(notSent.getMessage().contains("Bonjour"), notSent.getMessage());
    }
}
