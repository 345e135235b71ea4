package userapi.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import userapi.account.Mail;
import userapi.account.MailNotSent;
import userapi.account.Mailer;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The Mailer adapter for a real SMTP server, through Jakarta Mail (Angus): one connection per mail, STARTTLS
 * required or TLS from the start as the settings say, a login when they carry a username, and timeouts so that a
 * slow server cannot hold the outbox's sender. Any failure becomes a one-line MailNotSent for the outbox to retry.
 */
public final class SmtpMailer implements Mailer {
    private static final Logger LOG = Logger.getLogger(SmtpMailer.class.getName());

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final int LONGEST_REASON = 300;

    private final MailSettings settings;
    private final Properties properties;
    private final Session session;
    private final Messages messages;
    private final Clock clock;

    public SmtpMailer(MailSettings settings, Clock clock) {
        this(settings, clock, new Properties());
    }

    /**
     * @param overrides Jakarta Mail session properties applied last, over those the settings give. Tests use it to
     *                  trust a self-signed certificate (mail.smtp.ssl.trust, mail.smtp.ssl.checkserveridentity) or
     *                  to shorten a timeout; production passes none.
     */
    public SmtpMailer(MailSettings settings, Clock clock, Properties overrides) {
        if (!settings.usesSmtp()) {
            throw new IllegalArgumentException("SmtpMailer needs an SMTP host: " + settings);
        }
        this.settings = settings;
        this.clock = clock;
        this.messages = new Messages(settings.from());
        this.properties = properties(settings);
        this.properties.putAll(overrides);
        this.session = Session.getInstance(properties);
    }

    private static Properties properties(MailSettings settings) {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", settings.smtpHost());
        p.setProperty("mail.smtp.port", Integer.toString(settings.smtpPort()));
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(READ_WRITE_TIMEOUT.toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(READ_WRITE_TIMEOUT.toMillis()));
        switch (settings.security()) {
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
                // plain text, as configured
            }
        }
        p.setProperty("mail.smtp.auth", Boolean.toString(settings.username() != null));
        return p;
    }

    @Override
    public void send(Mail mail) throws MailNotSent {
        try {
            MimeMessage message = messages.build(session, mail, clock.instant());
            if (settings.username() != null) {
                Transport.send(message, settings.username(), settings.password());
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            throw new MailNotSent("mail to " + mail.to() + " not sent through " + settings.smtpHost() + ":"
                    + settings.smtpPort() + " (" + settings.security() + "): " + reason(e), e);
        }
        LOG.fine(() -> "mail to " + mail.to() + " sent through " + settings.smtpHost() + ": " + mail.subject());
    }

    /**
     * The failure in one line: the messages of the chain (the server's reply, the I/O error under it). None of them
     * carries the mail's text; the password is masked all the same, should a server ever echo it.
     */
    private String reason(Throwable e) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = e; t != null && reason.length() < LONGEST_REASON; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (!reason.isEmpty()) {
                reason.append(": ");
            }
            reason.append(message);
        }
        String line = reason.toString();
        if (settings.password() != null) {
            line = line.replace(settings.password(), "***");
        }
        line = line.replaceAll("\\s+", " ").strip();
        return line.length() > LONGEST_REASON ? line.substring(0, LONGEST_REASON) + "..." : line;
    }

    /** The session's properties, as built: for tests of the timeouts and security settings. */
    Properties sessionProperties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }
}
