package userapi.account;

import userapi.metrics.MailMetrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox in the background, on one thread: every {@link #POLL} it claims the mails that are due and
 * hands each to the {@link Mailer}. A delivered mail leaves the outbox; one that fails is tried again after a
 * back-off that doubles from {@link #FIRST_RETRY} up to {@link #LONGEST_WAIT}; one still failing
 * {@link #GIVE_UP_AFTER} after it was queued is dropped with one WARNING. Several instances on one database share
 * the work: a claim leases a mail to one sender.
 */
public final class OutboxSender implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());

    public static final Duration POLL = Duration.ofSeconds(1);
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    static final Duration GIVE_UP_AFTER = Duration.ofDays(1);
    /** Longer than the SMTP adapter's timeouts: a claimed mail is not taken by another sender while this one tries. */
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 20;

    private final MailOutbox outbox;
    private final Mailer mailer;
    private final Clock clock;
    private final MailMetrics metrics;
    private final Duration poll;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopRequested = lock.newCondition();
    private boolean stopping;
    private Thread thread;

    public OutboxSender(MailOutbox outbox, Mailer mailer, Clock clock, MailMetrics metrics) {
        this(outbox, mailer, clock, metrics, POLL);
    }

    /** @param poll how long the sender sleeps when nothing is due (tests shorten it) */
    public OutboxSender(MailOutbox outbox, Mailer mailer, Clock clock, MailMetrics metrics, Duration poll) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.clock = clock;
        this.metrics = metrics;
        this.poll = poll;
    }

    public OutboxSender start() {
        thread = Thread.ofPlatform().name("mail-outbox-sender").daemon(true).start(this::loop);
        return this;
    }

    private void loop() {
        while (!stopped()) {
            try {
                while (sendDue() == BATCH && !stopped()) {
                    // a full batch: more may be due at once
                }
            } catch (RuntimeException e) { // the database is down: the mails wait in it
                LOG.log(Level.WARNING, "could not read the mail outbox; trying again in " + poll.toSeconds() + " s", e);
            }
            pause();
        }
    }

    /** One round: claims what is due and tries each. @return how many mails were claimed */
    public int sendDue() {
        Instant now = clock.instant();
        List<QueuedMail> due = outbox.claimDue(now, BATCH, now.plus(LEASE));
        for (QueuedMail queued : due) {
            attempt(queued);
        }
        return due.size();
    }

    private void attempt(QueuedMail queued) {
        try {
            mailer.send(queued.mail());
            outbox.delivered(queued.id());
            metrics.mailSent();
        } catch (MailNotSent e) {
            metrics.mailAttemptFailed();
            Instant now = clock.instant();
            if (!now.isBefore(queued.queuedAt().plus(GIVE_UP_AFTER))) {
                outbox.drop(queued.id());
                metrics.mailDropped();
                LOG.warning(() -> "gave up on mail " + queued.id() + " (" + queued.mail().subject() + ") after "
                        + queued.attempts() + " attempts over a day; last failure: " + e.getMessage());
                return;
            }
            Duration wait = backOff(queued.attempts());
            outbox.retryAt(queued.id(), now.plus(wait));
            LOG.info(() -> "mail " + queued.id() + " not sent (attempt " + queued.attempts() + ": " + e.getMessage()
                    + "); next attempt in " + wait.toSeconds() + " s");
        }
    }

    /** 5 s after the first failure, then 10, 20, 40 ... and never more than 5 minutes. */
    static Duration backOff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 16);
        Duration wait = FIRST_RETRY.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private boolean stopped() {
        lock.lock();
        try {
            return stopping;
        } finally {
            lock.unlock();
        }
    }

    private void pause() {
        lock.lock();
        try {
            if (!stopping) {
                stopRequested.awaitNanos(poll.toNanos());
            }
        } catch (InterruptedException e) {
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops after the mail being sent, if any (bounded by the adapter's timeouts); what is left waits in the outbox. */
    @Override
    public void close() {
        lock.lock();
        try {
            stopping = true;
            stopRequested.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
