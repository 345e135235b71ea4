package userapi.mail;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.account.Mail;
import userapi.account.MailNotSent;
import userapi.http.LogCapture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** FileMailer: each mail a real message in its own owner-only .eml file, and one log line that never holds the text. */
class FileMailerTest {
    private static final Instant NOW = Instant.parse("2026-12-04T16:01:02.123Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Mail MAIL = new Mail("zoe@example.com", "Réinitialisez le mot de passe ✓",
            "Bonjour Zoë,\n\nouvrez https://users.example.com/reset-password#token=tok-123 — merci.\n");

    @TempDir
    Path temp;

    private static List<Path> emlFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    private static MimeMessage read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            message.getContent(); // parses the body before the stream closes
            return message;
        }
    }

    @Test
    void writes_a_message_a_mail_client_can_read_with_its_headers_and_utf8_text() throws Exception {
        new FileMailer(temp, "Users Team <no-reply@example.com>", CLOCK).send(MAIL);

        List<Path> files = emlFiles(temp);
        assertEquals(1, files.size());
        MimeMessage message = read(files.getFirst());
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertEquals("no-reply@example.com", from.getAddress());
        assertEquals("Users Team", from.getPersonal());
        assertArrayEquals(new InternetAddress[] {new InternetAddress("zoe@example.com")},
                message.getRecipients(Message.RecipientType.TO));
        assertEquals(MAIL.subject(), message.getSubject());
        assertEquals(Date.from(NOW.minusMillis(123)), message.getSentDate()); // the Date header counts whole seconds
        assertTrue(message.getContentType().toLowerCase().matches("text/plain; charset=\"?utf-8\"?"), message.getContentType());
        assertEquals(MAIL.text(), ((String) message.getContent()).replace("\r\n", "\n"));
        assertTrue(message.getMessageID().matches("<[0-9a-f-]{36}@example\\.com>"), message.getMessageID());
    }

    @Test
    void keeps_every_header_ascii_as_rfc_5322_wants_it() throws Exception {
        new FileMailer(temp, "Zoë Café <no-reply@example.com>", CLOCK).send(MAIL);

        String raw = Files.readString(emlFiles(temp).getFirst(), StandardCharsets.ISO_8859_1);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
        assertTrue(headers.chars().allMatch(c -> c < 128), headers);
        assertTrue(headers.contains("\r\nSubject: =?UTF-8?"), headers);
    }

    @Test
    void ends_every_line_of_the_file_in_crlf_the_text_included() throws Exception {
        new FileMailer(temp, "no-reply@example.com", CLOCK).send(new Mail("zoe@example.com", "Lines", "one\ntwo\r\nthree\n"));

        String raw = Files.readString(emlFiles(temp).getFirst(), StandardCharsets.ISO_8859_1);
        assertTrue(raw.endsWith("one\r\ntwo\r\nthree\r\n"), raw);
        assertFalse(raw.replace("\r\n", "").contains("\n"), "a bare line feed in:\n" + raw);
    }

    @Test
    void names_the_file_by_the_time_in_utc_and_a_random_part() throws Exception {
        new FileMailer(temp, "no-reply@example.com", CLOCK).send(MAIL);

        String name = emlFiles(temp).getFirst().getFileName().toString();
        assertTrue(name.matches("20261204-160102-123-[0-9a-f]{8}\\.eml"), name);
    }

    @Test
    void writes_two_mails_into_two_files_even_in_the_same_millisecond() throws Exception {
        FileMailer mailer = new FileMailer(temp, "no-reply@example.com", CLOCK);

        mailer.send(MAIL);
        mailer.send(new Mail("max@example.com", "Second", "Another text"));

        List<Path> files = emlFiles(temp);
        assertEquals(2, files.size());
        assertNotEquals(files.get(0), files.get(1));
    }

    @Test
    void names_sort_in_the_order_the_mails_were_written() throws Exception {
        Instant[] times = {Instant.parse("2026-12-04T09:59:59.999Z"), Instant.parse("2026-12-04T10:00:00Z")};
        new FileMailer(temp, "no-reply@example.com", Clock.fixed(times[1], ZoneOffset.UTC)).send(new Mail("b@example.com", "later", "t"));
        new FileMailer(temp, "no-reply@example.com", Clock.fixed(times[0], ZoneOffset.UTC)).send(new Mail("a@example.com", "earlier", "t"));

        List<Path> files = emlFiles(temp);
        assertTrue(files.get(0).getFileName().toString().startsWith("20261204-095959-999-"), files.toString());
        assertTrue(files.get(1).getFileName().toString().startsWith("20261204-100000-000-"), files.toString());
    }

    @Test
    void creates_the_missing_directory_readable_by_the_owner_alone() throws Exception {
        Path directory = temp.resolve("data").resolve("mail");

        new FileMailer(directory, "no-reply@example.com", CLOCK).send(MAIL);

        assertEquals(1, emlFiles(directory).size());
        if (posix()) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        }
    }

    @Test
    void makes_each_file_readable_by_the_owner_alone() throws Exception {
        assumeTrue(posix(), "the file system has no POSIX modes");

        new FileMailer(temp, "no-reply@example.com", CLOCK).send(MAIL);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(emlFiles(temp).getFirst())));
    }

    private boolean posix() {
        return temp.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void logs_one_info_line_with_the_file_recipient_and_subject_but_not_the_text() throws Exception {
        try (LogCapture log = LogCapture.attach(FileMailer.class)) {
            new FileMailer(temp, "no-reply@example.com", CLOCK).send(MAIL);

            List<LogCapture.Captured> lines = log.all();
            assertEquals(1, lines.size(), lines.toString());
            assertEquals(Level.INFO, lines.getFirst().level());
            String line = lines.getFirst().line();
            assertTrue(line.contains(emlFiles(temp).getFirst().toString()), line);
            assertTrue(line.contains("zoe@example.com"), line);
            assertTrue(line.contains(MAIL.subject()), line);
            assertFalse(line.contains("tok-123"), line);
            assertFalse(line.contains("Bonjour"), line);
        }
    }

    @Test
    void reports_a_directory_it_cannot_write_as_mail_not_sent() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("taken"), "a file, not a directory");

        MailNotSent notSent = assertThrows(MailNotSent.class,
                () -> new FileMailer(notADirectory, "no-reply@example.com", CLOCK).send(MAIL));

        assertTrue(notSent.getMessage().contains(notADirectory.toString()), notSent.getMessage());
        assertFalse(notSent.getMessage().contains("tok-123"), notSent.getMessage());
    }
}
