package userapi.auth;

import org.junit.jupiter.api.Test;
import userapi.limits.ServiceOverloaded;
import userapi.metrics.SignInMetrics;
import userapi.model.Role;
import userapi.model.User;
import userapi.service.FakePasswordHasher;
import userapi.service.MutableClock;
import userapi.service.RecordingUserRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of DefaultAuthService with in-memory stores, a fake hasher and a clock the test moves. */
class DefaultAuthServiceTest {
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    private static final Duration TTL = Duration.ofHours(1);
    private static final UUID ADA_ID = new UUID(0, 1);

    private final MutableClock clock = new MutableClock(START);
    private final RecordingUserRepository users = new RecordingUserRepository();
    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository();
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    /** Counts what the service reports to /metrics. */
    private final java.util.List<String> reported = new java.util.ArrayList<>();
    private final SignInMetrics metrics = new SignInMetrics() {
        @Override
        public void loginFailed() {
            reported.add("failed");
        }

        @Override
        public void lockedOut() {
            reported.add("locked out");
        }
    };
    /** What the service told the audit log, as "type userId". */
    private final java.util.List<String> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final DefaultAuthService service = new DefaultAuthService(users, tokens, hasher,
            new PasswordBrake(new InMemoryFailureCounts(100), clock), new Tokens(), clock, TTL, metrics, LoginCheck.NONE,
            (type, userId) -> audited.add(type.label() + " " + userId));
    /** How the tokens it issues are checked on later requests. */
    private final TokenAuthenticator signIn = new TokenAuthenticator(
            new StoredTokenOwners(tokens, users, user -> false, userId -> false), clock);

    DefaultAuthServiceTest() {
        users.insert(new User(ADA_ID, "Ada", "ada@example.com", "hashed:correct horse", Role.USER, START));
        awaitDummyHash(); // made in the background at construction
        hasher.hashed.clear();
        hasher.checked.clear();
    }

    /** Bounded: the dummy hash is one call of the fake hasher on a virtual thread. */
    private void awaitDummyHash() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hasher.hashed.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the auth service never made its dummy hash");
            }
            Thread.onSpinWait();
        }
    }

    private IssuedToken login(String email, String password) {
        return service.login(new LoginRequest(email, password), "192.0.2.1");
    }

    @Test
    void a_login_issues_a_43_character_base64url_token_valid_for_the_ttl() {
        IssuedToken token = login("ada@example.com", "correct horse");

        assertTrue(token.token().matches("[A-Za-z0-9_-]{43}"), token.token());
        assertEquals(START.plus(TTL), token.expiresAt());
    }

    @Test
    void only_the_sha256_of_the_token_is_stored() {
        IssuedToken token = login("ada@example.com", "correct horse");

        StoredToken stored = tokens.findValid(Tokens.hash(token.token()), START).orElseThrow();
        assertEquals(ADA_ID, stored.userId());
        assertTrue(stored.hash().matches("[0-9a-f]{64}"));
        assertNotEquals(token.token(), stored.hash());
        assertEquals(Optional.empty(), tokens.findValid(token.token(), START));
    }

    @Test
    void two_logins_get_two_different_tokens() {
        assertNotEquals(login("ada@example.com", "correct horse").token(), login("ada@example.com", "correct horse").token());
    }

    @Test
    void the_email_is_normalised_as_at_sign_up() {
        assertEquals(ADA_ID, signIn.authenticate(login("ADA@Example.com", "correct horse").token()).orElseThrow().userId());
    }

    @Test
    void a_wrong_password_is_invalid_credentials() {
        assertThrows(InvalidCredentials.class, () -> login("ada@example.com", "wrong horse"));
    }

    @Test
    void an_unknown_email_is_the_same_invalid_credentials_after_one_hash_against_the_dummy() {
        InvalidCredentials unknown = assertThrows(InvalidCredentials.class, () -> login("nobody@example.com", "correct horse"));
        InvalidCredentials wrong = assertThrows(InvalidCredentials.class, () -> login("ada@example.com", "wrong horse"));

        assertEquals(wrong.getMessage(), unknown.getMessage());
        assertEquals(2, hasher.checked.size(), "one password check each: " + hasher.checked);
        assertTrue(hasher.checked.getFirst().startsWith(FakePasswordHasher.PREFIX + "no user has this password"));
    }

    @Test
    void after_five_failures_even_the_right_password_gets_too_many_login_attempts() {
        for (int i = 0; i < 5; i++) {
            assertThrows(InvalidCredentials.class, () -> login("ada@example.com", "wrong horse"));
        }
        hasher.checked.clear();

        TooManyLoginAttempts refused = assertThrows(TooManyLoginAttempts.class, () -> login("ada@example.com", "correct horse"));
        assertEquals(List.of("failed", "failed", "failed", "failed", "failed", "locked out"), reported);

        assertTrue(refused.retryAfterSeconds() > 0 && refused.retryAfterSeconds() <= 15 * 60);
        assertEquals(List.of(), hasher.checked, "no hashing for a refused login");
        clock.advance(Duration.ofMinutes(15));
        login("ada@example.com", "correct horse");
    }

    @Test
    void a_login_the_hasher_was_too_busy_to_judge_does_not_count_as_a_failure() {
        hasher.busy = ServiceOverloaded::new;
        for (int i = 0; i < 10; i++) {
            assertThrows(ServiceOverloaded.class, () -> login("ada@example.com", "wrong horse"));
        }
        hasher.busy = null;

        login("ada@example.com", "correct horse");
    }

    @Test
    void a_hash_with_outdated_settings_is_redone_on_a_successful_login() {
        users.insert(new User(new UUID(0, 2), "Bob", "bob@example.com", "old:battery staple", Role.USER, START));

        login("bob@example.com", "battery staple");

        assertEquals("hashed:battery staple", users.findById(new UUID(0, 2)).orElseThrow().passwordHash());
    }

    @Test
    void a_current_hash_is_not_redone() {
        login("ada@example.com", "correct horse");

        assertEquals(List.of(), hasher.hashed);
    }

    @Test
    void authenticate_turns_a_token_into_its_caller_with_the_role_as_stored_now() {
        String token = login("ada@example.com", "correct horse").token();
        users.setRole(ADA_ID, Role.ADMIN);

        Caller caller = signIn.authenticate(token).orElseThrow();

        assertEquals(List.of(ADA_ID, Role.ADMIN, Tokens.hash(token)), List.of(caller.userId(), caller.role(), caller.tokenHash()));
    }

    @Test
    void authenticate_refuses_a_malformed_unknown_or_expired_token() {
        String token = login("ada@example.com", "correct horse").token();

        assertEquals(Optional.empty(), signIn.authenticate(""));
        assertEquals(Optional.empty(), signIn.authenticate(token + "x"));
        assertEquals(Optional.empty(), signIn.authenticate("A".repeat(43)));
        clock.advance(TTL);
        assertEquals(Optional.empty(), signIn.authenticate(token), "expired at expiresAt");
    }

    @Test
    void a_token_of_a_deleted_user_is_refused() {
        String token = login("ada@example.com", "correct horse").token();
        users.delete(ADA_ID);

        assertEquals(Optional.empty(), signIn.authenticate(token));
    }

    @Test
    void logout_kills_that_token_and_no_other() {
        String first = login("ada@example.com", "correct horse").token();
        String second = login("ada@example.com", "correct horse").token();

        service.logout(signIn.authenticate(first).orElseThrow());

        assertEquals(Optional.empty(), signIn.authenticate(first));
        assertTrue(signIn.authenticate(second).isPresent());
    }

    @Test
    void the_token_never_appears_in_the_caller_or_the_issued_tokens_text() {
        IssuedToken token = login("ada@example.com", "correct horse");

        assertFalse(token.toString().contains(token.token()));
        assertFalse(signIn.authenticate(token.token()).orElseThrow().toString().contains(Tokens.hash(token.token())));
    }

    @Test
    void a_pair_locked_out_from_one_address_still_logs_in_from_another() {
        for (int i = 0; i < 5; i++) {
            assertThrows(InvalidCredentials.class, () -> login("ada@example.com", "wrong horse"));
        }
        assertThrows(TooManyLoginAttempts.class, () -> login("ada@example.com", "correct horse"));

        IssuedToken token = service.login(new LoginRequest("ada@example.com", "correct horse"), "198.51.100.7");
        assertEquals(ADA_ID, signIn.authenticate(token.token()).orElseThrow().userId());
    }

    @Test
    void tells_the_audit_log_of_each_login_failure_lockout_and_logout_with_no_user_for_an_unknown_email() {
        IssuedToken token = login("ada@example.com", "correct horse");
        service.logout(signIn.authenticate(token.token()).orElseThrow());
        assertThrows(InvalidCredentials.class, () -> login("nobody@example.com", "wrong horse"));
        for (int i = 0; i < 5; i++) {
            assertThrows(InvalidCredentials.class, () -> login("ada@example.com", "wrong horse"));
        }
        assertThrows(TooManyLoginAttempts.class, () -> login("ada@example.com", "correct horse"));

        List<String> expected = new java.util.ArrayList<>(List.of("login.succeeded " + ADA_ID, "logout " + ADA_ID,
                "login.failed null"));
        for (int i = 0; i < 5; i++) {
            expected.add("login.failed " + ADA_ID);
        }
        expected.add("login.locked " + ADA_ID);
        assertEquals(expected, audited);
    }

    @Test
    void a_user_keeps_at_most_twenty_live_tokens_and_a_new_login_revokes_the_oldest() {
        List<IssuedToken> issued = new java.util.ArrayList<>();
        for (int i = 0; i < DefaultAuthService.MAX_TOKENS_PER_USER + 2; i++) {
            issued.add(login("ada@example.com", "correct horse"));
            clock.advance(Duration.ofSeconds(1));
        }

        assertEquals(DefaultAuthService.MAX_TOKENS_PER_USER, tokens.findValidOf(ADA_ID, clock.instant()).size());
        assertEquals(Optional.empty(), signIn.authenticate(issued.get(0).token()), "the oldest is revoked");
        assertEquals(Optional.empty(), signIn.authenticate(issued.get(1).token()));
        for (IssuedToken newer : issued.subList(2, issued.size())) {
            assertTrue(signIn.authenticate(newer.token()).isPresent());
        }
    }

    @Test
    void logins_within_one_second_each_get_a_live_token() {
        for (int i = 0; i < DefaultAuthService.MAX_TOKENS_PER_USER + 5; i++) {
            IssuedToken token = login("ada@example.com", "correct horse");
            assertTrue(signIn.authenticate(token.token()).isPresent(), "login " + i + " got a live token");
        }
        assertEquals(DefaultAuthService.MAX_TOKENS_PER_USER, tokens.findValidOf(ADA_ID, clock.instant()).size());
    }

    @Test
    void an_unknown_email_is_braked_like_a_known_one_so_a_429_reveals_no_account() {
        for (int i = 0; i < 5; i++) {
            assertThrows(InvalidCredentials.class, () -> login("nobody@example.com", "wrong horse"));
        }

        TooManyLoginAttempts unknown = assertThrows(TooManyLoginAttempts.class, () -> login("nobody@example.com", "x"));
        for (int i = 0; i < 5; i++) {
            assertThrows(InvalidCredentials.class, () -> login("ada@example.com", "wrong horse"));
        }
        TooManyLoginAttempts known = assertThrows(TooManyLoginAttempts.class, () -> login("ada@example.com", "x"));
        assertEquals(known.getMessage().replaceAll("\\d+", "N"), unknown.getMessage().replaceAll("\\d+", "N"));
    }
}
