package userapi.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The FailureCounts contract on the in-memory store, and its bound on how many keys it remembers. */
class InMemoryFailureCountsContractTest extends FailureCountsContract {
    @Override
    protected FailureCounts openEmpty() {
        return new InMemoryFailureCounts(100);
    }

    @Test
    void a_flood_of_keys_keeps_at_most_max_keys_dropping_the_least_recently_touched() {
        InMemoryFailureCounts bounded = new InMemoryFailureCounts(3);
        Instant now = Instant.parse("2026-03-04T05:06:07Z");
        bounded.add("victim", now, 5);
        for (int i = 0; i < 10_000; i++) {
            bounded.add("random-" + i, now, 5);
            if (i % 2 == 0) {
                bounded.newest("victim", now.minusSeconds(1), 5); // touched: kept
            }
        }

        assertEquals(3, bounded.keys());
        assertEquals(1, bounded.newest("victim", now.minusSeconds(1), 5).size());
    }
}
