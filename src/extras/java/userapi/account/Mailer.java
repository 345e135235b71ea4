package userapi.account;

/**
 * The mail port: "deliver this mail". The account service never calls it directly: it queues its mails in the
 * {@link MailOutbox}, and the {@link OutboxSender} hands each one here. The adapters live outside, in userapi.mail:
 * SMTP through Jakarta Mail, or a .eml file per mail when no SMTP server is configured.
 */
@FunctionalInterface
public interface Mailer {
    /** Delivers the mail, or throws; the outbox then tries again later. @throws MailNotSent */
    void send(Mail mail) throws MailNotSent;
}
