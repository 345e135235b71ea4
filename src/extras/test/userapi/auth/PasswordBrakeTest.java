package userapi.auth;

import org.junit.jupiter.api.Test;
import userapi.service.MutableClock;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Unit tests of PasswordBrake over the in-memory store, with a clock the test moves: 5 failures per (e-mail,
 * address) and 20 per address in 15 minutes.
 */
class PasswordBrakeTest {
    private static final String ATTACKER = "198.51.100.66";
    private static final String VICTIM_HOME = "192.0.2.1";

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final InMemoryFailureCounts counts = new InMemoryFailureCounts(1_000);
    private final PasswordBrake brake = new PasswordBrake(counts, clock);

    /** Checked, then wrong: what a login with a wrong password does; one second apart. */
    private void fail(String email, String address, int times) {
        for (int i = 0; i < times; i++) {
            brake.check(email, address);
            brake.failed(email, address);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void allows_five_wrong_passwords_for_an_email_from_an_address_and_refuses_the_sixth() {
        fail("ada@example.com", ATTACKER, 5);

        assertThrows(TooManyLoginAttempts.class, () -> brake.check("ada@example.com", ATTACKER));
    }

    @Test
    void the_victim_is_not_locked_out_by_an_attackers_address() {
        fail("ada@example.com", ATTACKER, 5);

        assertDoesNotThrow(() -> brake.check("ada@example.com", VICTIM_HOME));
    }

    @Test
    void refuses_until_the_oldest_failure_leaves_the_window_and_says_how_long_in_retry_after() {
        fail("ada@example.com", ATTACKER, 5); // at 0 s .. 4 s; now 5 s

        TooManyLoginAttempts refused = assertThrows(TooManyLoginAttempts.class, () -> brake.check("ada@example.com", ATTACKER));
        assertEquals(15 * 60 - 5, refused.retryAfterSeconds());

        clock.advance(Duration.ofSeconds(15 * 60 - 6));
        assertThrows(TooManyLoginAttempts.class, () -> brake.check("ada@example.com", ATTACKER));
        clock.advance(Duration.ofSeconds(1)); // the first failure is 15 minutes old now
        assertDoesNotThrow(() -> brake.check("ada@example.com", ATTACKER));
    }

    @Test
    void spraying_one_password_over_many_emails_from_one_address_is_braked_after_twenty() {
        for (int i = 0; i < PasswordBrake.MAX_PER_ADDRESS; i++) {
            fail("user" + i + "@example.com", ATTACKER, 1);
        }

        TooManyLoginAttempts refused = assertThrows(TooManyLoginAttempts.class,
                () -> brake.check("someone-new@example.com", ATTACKER));
        assertEquals(15 * 60 - 20, refused.retryAfterSeconds());
        assertDoesNotThrow(() -> brake.check("someone-new@example.com", VICTIM_HOME), "other addresses are not braked");
    }

    @Test
    void spraying_from_fresh_ipv6_addresses_of_one_64_bit_network_counts_as_one_address() {
        for (int i = 0; i < PasswordBrake.MAX_PER_ADDRESS; i++) {
            fail("user" + i + "@example.com", "2001:db8:1:2:0:0:0:" + Integer.toHexString(i + 1), 1);
        }

        assertThrows(TooManyLoginAttempts.class, () -> brake.check("someone-new@example.com", "2001:db8:1:2:0:0:0:ffff"));
        assertDoesNotThrow(() -> brake.check("someone-new@example.com", "2001:db8:1:3:0:0:0:1"));
    }

    @Test
    void a_right_password_forgets_the_pairs_failures_but_not_the_addresss() {
        fail("mallory@example.com", ATTACKER, 4);
        brake.succeeded("mallory@example.com", ATTACKER);
        fail("mallory@example.com", ATTACKER, 4);
        assertDoesNotThrow(() -> brake.check("mallory@example.com", ATTACKER));

        for (int i = 0; i < PasswordBrake.MAX_PER_ADDRESS - 8; i++) {
            fail("user" + i + "@example.com", ATTACKER, 1);
        }
        assertThrows(TooManyLoginAttempts.class, () -> brake.check("mallory@example.com", ATTACKER),
                "logging in to an account of one's own between guesses does not reset the spraying count");
    }

    @Test
    void counts_every_spelling_of_an_email_as_one() {
        fail("Ada@Example.com", ATTACKER, 3);
        fail("ada@example.com", ATTACKER, 2);

        assertThrows(TooManyLoginAttempts.class, () -> brake.check("ADA@EXAMPLE.COM", ATTACKER));
    }

    @Test
    void the_sweep_forgets_what_has_left_the_window() {
        fail("ada@example.com", ATTACKER, 5);
        clock.advance(PasswordBrake.WINDOW);

        assertEquals(10, brake.sweep(clock.instant()), "five of the pair, five of the address");
        assertEquals(0, counts.keys());
    }

    @Test
    void the_store_holds_no_email_or_address_in_clear() {
        RecordingCounts recording = new RecordingCounts();
        PasswordBrake recorded = new PasswordBrake(recording, clock);

        recorded.failed("ada@example.com", ATTACKER);

        assertEquals(2, recording.keys.size());
        for (String key : recording.keys) {
            assertEquals(false, key.contains("ada") || key.contains("198.51"), key);
        }
    }

    /** A store that remembers only which keys it was given. */
    private static final class RecordingCounts implements FailureCounts {
        final java.util.List<String> keys = new java.util.ArrayList<>();

        @Override
        public void add(String key, Instant at, int keep) {
            keys.add(key);
        }

        @Override
        public java.util.List<Instant> newest(String key, Instant since, int limit) {
            return java.util.List.of();
        }

        @Override
        public void clear(String key) {
        }

        @Override
        public int deleteUpTo(Instant before) {
            return 0;
        }
    }
}
