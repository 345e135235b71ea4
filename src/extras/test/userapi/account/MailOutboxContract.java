package userapi.account;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every MailOutbox promises, run against each store's outbox by a subclass that gives the outbox of a fresh,
 * empty store: a nested class of that store's {@link AccountStoreContract} test, which opens and closes the store
 * around each test. The sender may not tell the outboxes apart.
 */
public abstract class MailOutboxContract {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final Duration LEASE = Duration.ofMinutes(1);

    protected abstract MailOutbox outbox();

    private static Mail mail(String name) {
        return new Mail(name + "@example.com", "Hello " + name, "Dear " + name + ",\nthis is your mail.\n");
    }

    private List<QueuedMail> claimAt(Instant now) {
        return outbox().claimDue(now, 10, now.plus(LEASE));
    }

    private static List<Mail> mails(List<QueuedMail> queued) {
        return queued.stream().map(QueuedMail::mail).toList();
    }

    @Test
    void an_enqueued_mail_is_due_at_once_and_claimed_with_its_text_and_one_attempt() {
        outbox().enqueue(mail("ada"), T0);

        List<QueuedMail> claimed = claimAt(T0);

        assertEquals(1, claimed.size());
        QueuedMail queued = claimed.getFirst();
        assertNotNull(queued.id());
        assertEquals(mail("ada"), queued.mail());
        assertEquals("Dear ada,\nthis is your mail.\n", queued.mail().text(), "the text as it was, line breaks too");
        assertEquals(1, queued.attempts());
        assertEquals(T0, queued.queuedAt());
    }

    @Test
    void a_mail_is_not_due_before_the_time_it_was_queued_at() {
        outbox().enqueue(mail("ada"), T0.plusSeconds(60));

        assertEquals(List.of(), claimAt(T0.plusSeconds(59)));
        assertEquals(List.of(mail("ada")), mails(claimAt(T0.plusSeconds(60))));
    }

    @Test
    void claims_the_oldest_first_and_no_more_than_asked() {
        outbox().enqueue(mail("cy"), T0.plusSeconds(2));
        outbox().enqueue(mail("ada"), T0);
        outbox().enqueue(mail("bob"), T0.plusSeconds(1));

        Instant now = T0.plusSeconds(3);
        assertEquals(List.of(mail("ada"), mail("bob")), mails(outbox().claimDue(now, 2, now.plus(LEASE))));
        assertEquals(List.of(mail("cy")), mails(outbox().claimDue(now, 2, now.plus(LEASE))));
        assertEquals(List.of(), mails(outbox().claimDue(now, 2, now.plus(LEASE))));
    }

    /** A sender that dies while sending leaves its mails leased: they are due again when the lease ends. */
    @Test
    void a_claimed_mail_is_not_claimed_again_before_its_lease_ends_and_is_after() {
        outbox().enqueue(mail("ada"), T0);
        QueuedMail first = outbox().claimDue(T0, 10, T0.plus(LEASE)).getFirst();

        assertEquals(List.of(), claimAt(T0.plus(LEASE).minusMillis(1)));

        List<QueuedMail> again = claimAt(T0.plus(LEASE));
        assertEquals(List.of(new QueuedMail(first.id(), mail("ada"), 2, T0)), again);
    }

    @Test
    void a_mail_to_retry_is_due_again_at_the_time_given_and_every_claim_counts_an_attempt() {
        outbox().enqueue(mail("ada"), T0);
        QueuedMail first = claimAt(T0).getFirst();
        Instant next = T0.plus(Duration.ofMinutes(5));

        outbox().retryAt(first.id(), next);

        assertEquals(List.of(), claimAt(next.minusMillis(1)), "not due before its retry, though its lease ended");
        assertEquals(List.of(new QueuedMail(first.id(), mail("ada"), 2, T0)), claimAt(next));
        outbox().retryAt(first.id(), next);
        assertEquals(3, claimAt(next.plus(LEASE)).getFirst().attempts());
    }

    @Test
    void a_delivered_mail_leaves_the_outbox() {
        outbox().enqueue(mail("ada"), T0);
        outbox().enqueue(mail("bob"), T0);
        QueuedMail ada = claimAt(T0).stream().filter(queued -> queued.mail().equals(mail("ada"))).findFirst().orElseThrow();

        outbox().delivered(ada.id());

        assertEquals(1, outbox().size());
        assertEquals(List.of(mail("bob")), mails(claimAt(T0.plus(LEASE))));
    }

    @Test
    void a_dropped_mail_leaves_the_outbox_unsent() {
        outbox().enqueue(mail("ada"), T0);
        QueuedMail ada = claimAt(T0).getFirst();

        outbox().drop(ada.id());

        assertEquals(0, outbox().size());
        assertEquals(List.of(), claimAt(T0.plus(LEASE)));
    }

    @Test
    void the_size_counts_the_mails_waiting_whether_due_leased_or_later() {
        assertEquals(0, outbox().size());
        outbox().enqueue(mail("ada"), T0);
        outbox().enqueue(mail("bob"), T0);
        outbox().enqueue(mail("cy"), T0.plusSeconds(3600));

        outbox().claimDue(T0, 1, T0.plus(LEASE));

        assertEquals(3, outbox().size());
    }

    @Test
    void a_mail_no_longer_in_the_outbox_is_neither_delivered_dropped_nor_retried_again() {
        outbox().enqueue(mail("ada"), T0);
        UUID gone = claimAt(T0).getFirst().id();
        outbox().delivered(gone);

        outbox().delivered(gone);
        outbox().drop(gone);
        outbox().retryAt(gone, T0);
        outbox().retryAt(UUID.randomUUID(), T0);

        assertEquals(0, outbox().size());
        assertEquals(List.of(), claimAt(T0.plus(LEASE)));
    }

    /** Two instances on one database: a mail claimed by one is never claimed by the other too. */
    @Test
    void senders_claiming_at_once_get_disjoint_mails_and_every_mail_once() throws Exception {
        int count = 40;
        for (int i = 0; i < count; i++) {
            outbox().enqueue(mail("user" + i), T0.plusMillis(i));
        }
        Instant now = T0.plusSeconds(1);

        List<List<QueuedMail>> bySender = AccountStoreContract.race(4, sender -> () -> {
            List<QueuedMail> mine = new ArrayList<>();
            List<QueuedMail> batch;
            do {
                batch = outbox().claimDue(now, 3, now.plus(LEASE));
                mine.addAll(batch);
            } while (!batch.isEmpty());
            return mine;
        });

        Set<UUID> ids = new HashSet<>();
        int claimed = 0;
        for (List<QueuedMail> mine : bySender) {
            for (QueuedMail queued : mine) {
                ids.add(queued.id());
                assertEquals(1, queued.attempts(), "claimed twice: " + queued.mail());
                claimed++;
            }
        }
        assertEquals(count, claimed, "every mail claimed exactly once");
        assertEquals(count, ids.size());
        assertTrue(claimAt(now).isEmpty());
    }
}
