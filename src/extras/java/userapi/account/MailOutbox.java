package userapi.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outbox: mails stored before they are sent, so that an SMTP outage, a slow server or a crash right after the
 * answer loses none. A mail that carries a token is queued by {@link AccountStore#issue} in the same transaction
 * as its token; a notice without a token by {@link #enqueue}. The {@link OutboxSender} claims what is due, hands it
 * to the {@link Mailer}, and then removes it or sets its next attempt. A store that cannot be reached throws
 * StorageUnavailable, having changed nothing.
 */
public interface MailOutbox {
    /** Queues a mail, due at once. */
    void enqueue(Mail mail, Instant now);

    /**
     * Claims at most max mails due at now (next attempt at or before it), oldest first: each one's attempts go up by
     * one and its next attempt moves to leaseUntil, so no other sender (another instance on the same database) takes
     * it meanwhile, and a sender that dies while sending leaves it to be tried again once the lease ends.
     */
    List<QueuedMail> claimDue(Instant now, int max, Instant leaseUntil);

    /** Sent: the mail leaves the outbox. */
    void delivered(UUID id);

    /** Not sent this time: tried again at next. */
    void retryAt(UUID id, Instant next);

    /** Given up on: the mail leaves the outbox unsent. */
    void drop(UUID id);

    /** How many mails wait, due or not (for /metrics). */
    long size();
}
