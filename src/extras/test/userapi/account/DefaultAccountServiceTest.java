package userapi.account;

import org.junit.jupiter.api.Test;
import userapi.audit.AuditEventType;
import userapi.audit.AuditLog;
import userapi.audit.RecordingAudit;
import userapi.audit.UnitOfWork;
import userapi.auth.InMemoryTokenRepository;
import userapi.auth.StoredToken;
import userapi.auth.Tokens;
import userapi.exception.UserNotFound;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.repository.InMemoryUserRepository;
import userapi.service.FakePasswordHasher;
import userapi.service.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of account recovery, on in-memory stores: what is mailed, to whom, how often, and what a token may do. */
class DefaultAccountServiceTest {
    private static final Pattern LINK = Pattern.compile("https://users\\.example\\.com/(reset-password|verify-email)#token=([A-Za-z0-9_-]{43})");
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryTokenRepository sessions = new InMemoryTokenRepository();
    private final InMemoryAccountStore store = new InMemoryAccountStore(users);
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final RecordingAudit audit = new RecordingAudit();
    private final DefaultAccountService service = new DefaultAccountService(users, sessions, store, store, hasher,
            new Tokens(), new AccountMails(() -> "https://users.example.com"), clock, Duration.ZERO, audit, audit);
    private final User ada = new User(UUID.randomUUID(), "Ada", "ada@example.com", FakePasswordHasher.PREFIX + "correct horse",
            Role.USER, START);

    DefaultAccountServiceTest() {
        users.insert(ada);
    }

    /** Every mail waiting in the outbox now, taken out as the sender takes a mail it delivered. */
    private List<Mail> mailsQueued() {
        List<QueuedMail> due = store.claimDue(clock.instant(), 100, clock.instant().plusSeconds(60));
        due.forEach(queued -> store.delivered(queued.id()));
        return due.stream().map(QueuedMail::mail).toList();
    }

    private static String tokenIn(Mail mail, String page) {
        Matcher link = LINK.matcher(mail.text());
        assertTrue(link.find(), "no link in: " + mail.text());
        assertEquals(page, link.group(1));
        return link.group(2);
    }

    private String resetToken() {
        service.requestPasswordReset("ada@example.com");
        List<Mail> mails = mailsQueued();
        assertEquals(1, mails.size());
        return tokenIn(mails.get(0), "reset-password");
    }

    @Test
    void a_reset_request_mails_the_address_a_link_with_the_token_in_its_fragment_and_stores_only_its_hash() {
        service.requestPasswordReset("ada@example.com");

        List<Mail> mails = mailsQueued();
        assertEquals(1, mails.size());
        assertEquals("ada@example.com", mails.get(0).to());
        assertTrue(mails.get(0).subject().contains("ada@example.com"), mails.get(0).subject());
        String token = tokenIn(mails.get(0), "reset-password");
        assertTrue(store.findValid(Tokens.hash(token), OneTimeToken.Purpose.PASSWORD_RESET, clock.instant()).isPresent());
        assertTrue(store.findValid(token, OneTimeToken.Purpose.PASSWORD_RESET, clock.instant()).isEmpty());
    }

    @Test
    void a_reset_request_for_an_address_without_an_account_mails_nothing_and_says_nothing() {
        service.requestPasswordReset("nobody@example.com");

        assertEquals(List.of(), mailsQueued());
    }

    @Test
    void a_reset_request_lasts_at_least_its_floor_whether_or_not_the_address_has_an_account() {
        Duration floor = Duration.ofMillis(150);
        DefaultAccountService padded = new DefaultAccountService(users, sessions, store, store, hasher, new Tokens(),
                new AccountMails(() -> "https://users.example.com"), clock, floor, AuditLog.NONE, UnitOfWork.DIRECT);

        for (String email : List.of("ada@example.com", "nobody@example.com")) {
            long started = System.nanoTime();
            padded.requestPasswordReset(email);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(floor) >= 0, email + " answered after " + took.toMillis() + " ms");
        }
        assertEquals(List.of("ada@example.com"), mailsQueued().stream().map(Mail::to).toList());
    }

    @Test
    void a_reset_request_finds_the_account_whatever_the_case_of_the_address() {
        service.requestPasswordReset("ADA@Example.COM");

        assertEquals(List.of("ada@example.com"), mailsQueued().stream().map(Mail::to).toList());
    }

    @Test
    void a_fourth_reset_request_within_the_hour_mails_nothing_and_a_later_one_does() {
        for (int i = 0; i < 4; i++) {
            service.requestPasswordReset("ada@example.com");
        }
        assertEquals(DefaultAccountService.MAILS_PER_HOUR, mailsQueued().size());

        clock.advance(Duration.ofMinutes(61));
        service.requestPasswordReset("ada@example.com");
        assertEquals(1, mailsQueued().size());
    }

    @Test
    void a_reset_sets_the_new_password_ends_every_session_and_verifies_the_address() {
        sessions.insert(new StoredToken("session-1", ada.id(), START, START.plus(Duration.ofDays(1))));
        sessions.insert(new StoredToken("session-2", ada.id(), START, START.plus(Duration.ofDays(1))));
        String token = resetToken();

        service.resetPassword(token, "new horse battery");

        User after = users.findById(ada.id()).orElseThrow();
        assertTrue(hasher.matches("new horse battery", after.passwordHash()));
        assertTrue(sessions.findValid("session-1", clock.instant()).isEmpty());
        assertTrue(sessions.findValid("session-2", clock.instant()).isEmpty());
        assertTrue(service.isVerified(after));
    }

    @Test
    void a_reset_is_recorded_as_password_reset_of_that_user_in_the_unit_of_work_of_the_change() {
        String token = resetToken();

        service.resetPassword(token, "new horse battery");

        assertEquals(List.of(new RecordingAudit.Recorded(AuditEventType.PASSWORD_RESET, ada.id(), true)), audit.recorded());
    }

    @Test
    void a_refused_reset_or_verification_records_nothing() {
        String token = resetToken();
        clock.advance(DefaultAccountService.RESET_VALID_FOR);

        assertThrows(InvalidOrExpiredToken.class, () -> service.resetPassword(token, "new horse battery"));
        assertThrows(InvalidOrExpiredToken.class, () -> service.verifyEmail("A".repeat(43)));
        assertEquals(List.of(), audit.recorded());
    }

    @Test
    void a_verification_is_recorded_as_email_verified_of_that_user_in_the_unit_of_work_of_the_change() {
        service.signedUp(ada);

        service.verifyEmail(tokenIn(mailsQueued().get(0), "verify-email"));

        assertEquals(List.of(new RecordingAudit.Recorded(AuditEventType.EMAIL_VERIFIED, ada.id(), true)), audit.recorded());
    }

    @Test
    void a_reset_token_works_once() {
        String token = resetToken();
        service.resetPassword(token, "new horse battery");

        assertThrows(InvalidOrExpiredToken.class, () -> service.resetPassword(token, "third horse battery"));
        assertTrue(hasher.matches("new horse battery", users.findById(ada.id()).orElseThrow().passwordHash()));
    }

    @Test
    void a_reset_token_expires_after_thirty_minutes() {
        String token = resetToken();
        clock.advance(DefaultAccountService.RESET_VALID_FOR);

        assertThrows(InvalidOrExpiredToken.class, () -> service.resetPassword(token, "new horse battery"));
    }

    @Test
    void a_newer_reset_mail_makes_the_older_link_invalid() {
        String older = resetToken();
        String newer = resetToken();

        assertThrows(InvalidOrExpiredToken.class, () -> service.resetPassword(older, "new horse battery"));
        service.resetPassword(newer, "new horse battery");
    }

    @Test
    void a_token_that_is_not_one_of_ours_is_refused() {
        assertThrows(InvalidOrExpiredToken.class, () -> service.resetPassword("not a token", "new horse battery"));
        assertThrows(InvalidOrExpiredToken.class, () -> service.resetPassword("A".repeat(43), "new horse battery"));
        assertThrows(InvalidOrExpiredToken.class, () -> service.verifyEmail("A".repeat(43)));
    }

    @Test
    void a_reset_link_sent_to_an_address_the_account_no_longer_has_is_refused() {
        String token = resetToken();
        users.update(ada.id(), new UserChanges(null, "ada@lovelace.example", null));

        assertThrows(InvalidOrExpiredToken.class, () -> service.resetPassword(token, "new horse battery"));
    }

    @Test
    void a_verification_token_cannot_reset_a_password_nor_a_reset_token_verify() {
        service.signedUp(ada);
        String verification = tokenIn(mailsQueued().get(0), "verify-email");
        String reset = resetToken();

        assertThrows(InvalidOrExpiredToken.class, () -> service.resetPassword(verification, "new horse battery"));
        assertThrows(InvalidOrExpiredToken.class, () -> service.verifyEmail(reset));
    }

    @Test
    void a_busy_hasher_leaves_the_reset_token_good_for_another_try() {
        String token = resetToken();
        hasher.busy = () -> new IllegalStateException("busy");
        assertThrows(IllegalStateException.class, () -> service.resetPassword(token, "new horse battery"));

        hasher.busy = null;
        service.resetPassword(token, "new horse battery");
        assertTrue(hasher.matches("new horse battery", users.findById(ada.id()).orElseThrow().passwordHash()));
    }

    @Test
    void a_sign_up_mails_a_verification_link_that_verifies_the_address_once() {
        service.signedUp(ada);
        List<Mail> mails = mailsQueued();
        assertEquals(List.of("ada@example.com"), mails.stream().map(Mail::to).toList());
        String token = tokenIn(mails.get(0), "verify-email");
        assertFalse(service.isVerified(ada));

        service.verifyEmail(token);

        assertTrue(service.isVerified(ada));
        assertThrows(InvalidOrExpiredToken.class, () -> service.verifyEmail(token));
    }

    @Test
    void a_verification_link_expires_after_a_day() {
        service.signedUp(ada);
        String token = tokenIn(mailsQueued().get(0), "verify-email");
        clock.advance(DefaultAccountService.VERIFICATION_VALID_FOR);

        assertThrows(InvalidOrExpiredToken.class, () -> service.verifyEmail(token));
        assertFalse(service.isVerified(ada));
    }

    @Test
    void an_address_change_warns_the_old_address_without_a_link_and_asks_the_new_one_to_verify() {
        service.signedUp(ada);
        service.verifyEmail(tokenIn(mailsQueued().get(0), "verify-email"));
        User moved = users.update(ada.id(), new UserChanges(null, "ada@lovelace.example", null)).orElseThrow();

        service.addressChanged(ada, moved);

        List<Mail> mails = mailsQueued();
        assertEquals(List.of("ada@example.com", "ada@lovelace.example"), mails.stream().map(Mail::to).toList());
        Mail notice = mails.get(0);
        assertTrue(notice.text().contains("ada@lovelace.example") && notice.text().contains("2026-12-04 10:00 UTC"), notice.text());
        assertFalse(notice.text().contains("#token="), notice.text());
        assertFalse(notice.text().contains("http"), notice.text());
        assertFalse(service.isVerified(moved));
        service.verifyEmail(tokenIn(mails.get(1), "verify-email"));
        assertTrue(service.isVerified(moved));
    }

    @Test
    void a_verification_link_for_an_address_since_replaced_verifies_nothing() {
        service.signedUp(ada);
        String token = tokenIn(mailsQueued().get(0), "verify-email");
        User moved = users.update(ada.id(), new UserChanges(null, "ada@lovelace.example", null)).orElseThrow();

        assertThrows(InvalidOrExpiredToken.class, () -> service.verifyEmail(token));
        assertFalse(service.isVerified(moved));
    }

    @Test
    void a_resend_mails_an_unverified_address_and_not_a_verified_one() {
        service.resendVerification(ada.id());
        String token = tokenIn(mailsQueued().get(0), "verify-email");
        service.verifyEmail(token);

        service.resendVerification(ada.id());

        assertEquals(List.of(), mailsQueued());
    }

    @Test
    void resends_are_braked_like_resets() {
        for (int i = 0; i < 5; i++) {
            service.resendVerification(ada.id());
        }

        assertEquals(DefaultAccountService.MAILS_PER_HOUR, mailsQueued().size());
    }

    @Test
    void a_resend_for_a_user_deleted_meanwhile_is_a_user_not_found() {
        users.delete(ada.id());

        assertThrows(UserNotFound.class, () -> service.resendVerification(ada.id()));
    }
}
