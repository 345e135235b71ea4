package userapi.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import userapi.auth.FailureCounts;
import userapi.auth.FailureCountsContract;
import userapi.auth.PasswordBrake;
import userapi.auth.TooManyLoginAttempts;
import userapi.service.MutableClock;
import userapi.testing.TestDatabase;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The FailureCounts contract on PostgreSQL (TEST_DATABASE_URL), a new schema for every test; skipped without it.
 * Plus what only a shared database gives: two instances, each with its own pool, count the same failures.
 */
@ExtendWith(TestDatabase.class)
class PostgresFailureCountsContractTest extends FailureCountsContract {
    private TestDatabase.Schema schema;
    private JdbcUserRepository users;

    @Override
    protected FailureCounts openEmpty() throws Exception {
        schema = TestDatabase.createSchema();
        users = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5));
        return new JdbcFailureCounts(users.database());
    }

    @Override
    protected void disposeOf() throws Exception {
        users.close();
        schema.drop();
    }

    @Test
    void two_instances_on_one_database_share_the_counts() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-04T05:06:07Z"));
        try (JdbcUserRepository other = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5))) {
            PasswordBrake first = new PasswordBrake(counts, clock);
            PasswordBrake second = new PasswordBrake(new JdbcFailureCounts(other.database()), clock);
            for (int i = 0; i < PasswordBrake.MAX_PER_PAIR; i++) {
                (i % 2 == 0 ? first : second).failed("ada@example.com", "198.51.100.66");
            }

            assertThrows(TooManyLoginAttempts.class, () -> first.check("ada@example.com", "198.51.100.66"));
            assertThrows(TooManyLoginAttempts.class, () -> second.check("ada@example.com", "198.51.100.66"));
            second.succeeded("ada@example.com", "198.51.100.66");
            assertDoesNotThrow(() -> first.check("ada@example.com", "198.51.100.66"), "a success on one clears it for all");
            assertEquals(0, other.database().connectionsInUse());
        }
    }
}
