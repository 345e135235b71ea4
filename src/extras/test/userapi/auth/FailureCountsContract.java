package userapi.auth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import userapi.service.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What every FailureCounts store promises, run against each by a subclass that opens a fresh, empty one: the
 * password brake may not tell them apart. Times are whole milliseconds, as a database keeps them.
 */
public abstract class FailureCountsContract {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");

    protected FailureCounts counts;

    protected abstract FailureCounts openEmpty() throws Exception;

    protected void disposeOf() throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        counts = openEmpty();
    }

    @AfterEach
    void dispose() throws Exception {
        disposeOf();
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void a_key_without_failures_has_none() {
        assertEquals(List.of(), counts.newest("pair:nobody", T0.minusSeconds(1), 5));
    }

    @Test
    void gives_the_newest_failures_after_a_moment_newest_first_at_most_the_limit() {
        for (int i = 0; i < 4; i++) {
            counts.add("k", at(i), 10);
        }

        assertEquals(List.of(at(3), at(2), at(1)), counts.newest("k", T0.minusSeconds(1), 3));
        assertEquals(List.of(at(3), at(2)), counts.newest("k", at(1), 10), "only those after the moment");
    }

    @Test
    void keeps_each_keys_failures_apart() {
        counts.add("a", at(0), 5);
        counts.add("b", at(1), 5);

        assertEquals(List.of(at(0)), counts.newest("a", T0.minusSeconds(1), 5));
        assertEquals(List.of(at(1)), counts.newest("b", T0.minusSeconds(1), 5));
    }

    @Test
    void keeps_no_more_than_the_newest_few_of_a_key() {
        for (int i = 0; i < 12; i++) {
            counts.add("k", at(i), 3);
        }

        assertEquals(List.of(at(11), at(10), at(9)), counts.newest("k", T0.minusSeconds(1), 100));
    }

    @Test
    void clearing_a_key_forgets_its_failures_and_no_others() {
        counts.add("a", at(0), 5);
        counts.add("b", at(0), 5);

        counts.clear("a");

        assertEquals(List.of(), counts.newest("a", T0.minusSeconds(1), 5));
        assertEquals(List.of(at(0)), counts.newest("b", T0.minusSeconds(1), 5));
    }

    @Test
    void the_sweep_deletes_what_is_at_or_before_the_moment_and_keeps_the_rest() {
        counts.add("a", at(0), 5);
        counts.add("a", at(10), 5);
        counts.add("b", at(5), 5);

        assertEquals(2, counts.deleteUpTo(at(5)));

        assertEquals(List.of(at(10)), counts.newest("a", T0.minusSeconds(1), 5));
        assertEquals(List.of(), counts.newest("b", T0.minusSeconds(1), 5));
    }

    @Test
    void a_brake_over_the_store_refuses_the_pair_and_lets_the_same_email_in_from_another_address() {
        MutableClock clock = new MutableClock(T0);
        PasswordBrake brake = new PasswordBrake(counts, clock);
        for (int i = 0; i < PasswordBrake.MAX_PER_PAIR; i++) {
            brake.check("ada@example.com", "198.51.100.66");
            brake.failed("ada@example.com", "198.51.100.66");
            clock.advance(Duration.ofSeconds(1));
        }

        TooManyLoginAttempts refused = assertThrows(TooManyLoginAttempts.class,
                () -> brake.check("ada@example.com", "198.51.100.66"));
        assertEquals(15 * 60 - 5, refused.retryAfterSeconds());
        assertDoesNotThrow(() -> brake.check("ada@example.com", "192.0.2.1"));
    }
}
