package userapi.account;

import org.junit.jupiter.api.Test;
import userapi.http.LogCapture;
import userapi.metrics.MailMetrics;
import userapi.repository.InMemoryUserRepository;
import userapi.service.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox's sender: what it does with a mail sent, a mail refused, and a mail refused for a day. */
class OutboxSenderTest {
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

    /** A mail server that refuses while down, and keeps what it accepts. */
    private static final class FakeMailer implements Mailer {
        final List<Mail> accepted = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public void send(Mail mail) throws MailNotSent {
            if (down) {
                throw new MailNotSent("connection refused", null);
            }
            accepted.add(mail);
        }
    }

    private static final class CountingMetrics implements MailMetrics {
        int sent;
        int failed;
        int dropped;

        @Override
        public void mailSent() {
            sent++;
        }

        @Override
        public void mailAttemptFailed() {
            failed++;
        }

        @Override
        public void mailDropped() {
            dropped++;
        }
    }

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryAccountStore outbox = new InMemoryAccountStore(new InMemoryUserRepository());
    private final FakeMailer mailer = new FakeMailer();
    private final CountingMetrics metrics = new CountingMetrics();
    private final OutboxSender sender = new OutboxSender(outbox, mailer, clock, metrics);
    private final Mail welcome = new Mail("ada@example.com", "Verify your e-mail address ada@example.com", "text");

    @Test
    void a_mail_sent_leaves_the_outbox_and_is_counted() {
        outbox.enqueue(welcome, clock.instant());

        assertEquals(1, sender.sendDue());

        assertEquals(List.of(welcome), mailer.accepted);
        assertEquals(0, outbox.size());
        assertEquals(1, metrics.sent);
    }

    @Test
    void a_refused_mail_stays_and_is_tried_again_after_five_seconds() {
        outbox.enqueue(welcome, clock.instant());
        mailer.down = true;
        sender.sendDue();
        assertEquals(1, outbox.size());
        assertEquals(1, metrics.failed);

        mailer.down = false;
        clock.advance(Duration.ofSeconds(4));
        assertEquals(0, sender.sendDue());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, sender.sendDue());

        assertEquals(List.of(welcome), mailer.accepted);
        assertEquals(0, outbox.size());
    }

    @Test
    void the_wait_between_attempts_doubles_up_to_five_minutes() {
        List<Long> waits = new ArrayList<>();
        for (int attempts = 1; attempts <= 10; attempts++) {
            waits.add(OutboxSender.backOff(attempts).toSeconds());
        }

        assertEquals(List.of(5L, 10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L, 300L), waits);
        assertEquals(300, OutboxSender.backOff(Integer.MAX_VALUE).toSeconds());
    }

    @Test
    void a_mail_refused_for_a_day_is_dropped_with_one_warning_that_shows_no_text() {
        outbox.enqueue(new Mail("ada@example.com", "Reset the password of ada@example.com",
                "https://users.example.com/reset-password#token=secret-token"), clock.instant());
        mailer.down = true;
        try (LogCapture log = LogCapture.attach(OutboxSender.class)) {
            while (outbox.size() > 0) {
                clock.advance(Duration.ofMinutes(5));
                sender.sendDue();
            }

            List<LogCapture.Captured> warnings = log.from(OutboxSender.class, Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).line().contains("gave up"), warnings.get(0).line());
            assertFalse(log.all().stream().anyMatch(captured -> captured.line().contains("secret-token")));
        }
        assertEquals(1, metrics.dropped);
        assertFalse(clock.instant().isBefore(START.plus(Duration.ofDays(1))), "dropped before a day: " + clock.instant());
        assertTrue(metrics.failed > 200, "attempts: " + metrics.failed);
    }

    @Test
    void the_running_sender_delivers_what_is_queued_and_stops_on_close() throws Exception {
        OutboxSender running = new OutboxSender(outbox, mailer, clock, metrics, Duration.ofMillis(20)).start();
        try {
            outbox.enqueue(welcome, clock.instant());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (mailer.accepted.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            running.close();
        }
        assertEquals(List.of(welcome), mailer.accepted);
        assertEquals(0, outbox.size());
    }
}
