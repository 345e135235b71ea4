package userapi.auth;

import userapi.service.MutableClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Unit tests of LoginThrottle with a clock the test moves: 5 failures per e-mail in 15 minutes, bounded memory. */
class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, 100);

    private void fail(String email, int times) {
        for (int i = 0; i < times; i++) {
            throttle.check(email);
            throttle.failed(email);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void allows_five_failed_attempts_and_refuses_the_sixth() {
        fail("ada@example.com", 5);

        assertThrows(TooManyLoginAttempts.class, () -> throttle.check("ada@example.com"));
    }

    @Test
    void refuses_until_the_oldest_failure_leaves_the_window_and_says_how_long_in_retry_after() {
        fail("ada@example.com", 5); // at 0 s .. 4 s; now 5 s

        TooManyLoginAttempts refused = assertThrows(TooManyLoginAttempts.class, () -> throttle.check("ada@example.com"));
        assertEquals(15 * 60 - 5, refused.retryAfterSeconds());

        clock.advance(Duration.ofSeconds(15 * 60 - 6));
        assertThrows(TooManyLoginAttempts.class, () -> throttle.check("ada@example.com"));
        clock.advance(Duration.ofSeconds(1)); // the first failure is 15 minutes old now
        assertDoesNotThrow(() -> throttle.check("ada@example.com"));
    }

    @Test
    void counts_each_email_on_its_own() {
        fail("ada@example.com", 5);

        assertDoesNotThrow(() -> throttle.check("bob@example.com"));
    }

    @Test
    void a_success_forgets_the_earlier_failures() {
        fail("ada@example.com", 4);
        throttle.succeeded("ada@example.com");

        fail("ada@example.com", 4);
        assertDoesNotThrow(() -> throttle.check("ada@example.com"));
    }

    @Test
    void checks_alone_never_lock_an_email_out() {
        for (int i = 0; i < 100; i++) {
            throttle.check("ada@example.com"); // a burst of logins with the right password
        }

        assertEquals(0, throttle.tracked());
    }

    @Test
    void remembers_at_most_its_bound_of_emails_dropping_the_least_recently_tried() {
        fail("victim@example.com", 5);
        for (int i = 0; i < 1_000; i++) {
            throttle.failed("random" + i + "@example.com");
        }

        assertEquals(100, throttle.tracked());
        assertDoesNotThrow(() -> throttle.check("victim@example.com"), "evicted: the price of bounded memory");
    }
}
