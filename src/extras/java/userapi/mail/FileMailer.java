package userapi.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import userapi.account.Mail;
import userapi.account.MailNotSent;
import userapi.account.Mailer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The Mailer when no SMTP server is configured: each mail becomes an RFC 5322 .eml file under a directory (a mail
 * client opens it), named so that ls lists them by time, readable by the owner alone since it may carry a token's
 * link. One INFO line names the file, the recipient and the subject; the text never reaches the log.
 */
public final class FileMailer implements Mailer {
    private static final Logger LOG = Logger.getLogger(FileMailer.class.getName());

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);
    private static final int ATTEMPTS = 3;

    private final Path directory;
    private final Messages messages;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());
    private final SecureRandom random = new SecureRandom();

    /** @param from the From header, an address or "Name &lt;address&gt;" */
    public FileMailer(Path directory, String from, Clock clock) {
        this.directory = directory;
        this.messages = new Messages(from);
        this.clock = clock;
    }

    @Override
    public void send(Mail mail) throws MailNotSent {
        Instant now = clock.instant();
        Path file = null;
        try {
            MimeMessage message = messages.build(session, mail, now);
            file = newFile(now);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                message.writeTo(out);
            }
        } catch (IOException | MessagingException e) {
            deleteQuietly(file);
            throw new MailNotSent("mail to " + mail.to() + " not written under " + directory + ": " + e, e);
        }
        Path written = file;
        LOG.info(() -> "mail to " + mail.to() + " written to " + written + " (not sent), subject: " + mail.subject());
    }

    /**
     * A new, empty file that only the owner may read: mode 0600 from the start, in a directory made 0700 if it is
     * missing, where the file system knows POSIX modes (elsewhere the directory's own rules apply).
     */
    private Path newFile(Instant now) throws IOException {
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, ownerOnly(posix, "rwx------"));
        }
        for (int attempt = 1; ; attempt++) {
            Path file = directory.resolve(NAME_TIME.format(now) + "-" + HexFormat.of().toHexDigits(random.nextInt()) + ".eml");
            try {
                return Files.createFile(file, ownerOnly(posix, "rw-------"));
            } catch (FileAlreadyExistsException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly(boolean posix, String permissions) {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the half-written file stays; the error that matters is already being reported
        }
    }
}
