package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;
import userapi.account.AccountStoreContract;
import userapi.account.MailOutbox;
import userapi.account.MailOutboxContract;
import userapi.testing.TestDatabase;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The account store and outbox contracts on PostgreSQL (TEST_DATABASE_URL), a new schema for every test; skipped
 * without it. Here the races are between connections of a pool, as between instances: the user's row lock, the
 * atomic use and the claim that skips locked rows are the database's.
 */
@ExtendWith(TestDatabase.class)
class PostgresAccountStoreContractTest extends AccountStoreContract {
    private TestDatabase.Schema schema;

    @Override
    protected Stores openEmpty() throws Exception {
        schema = TestDatabase.createSchema();
        JdbcUserRepository users = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5));
        JdbcAccountStore store = new JdbcAccountStore(users.database());
        return new Stores(users, store, store);
    }

    @Override
    protected void disposeOf() throws Exception {
        schema.drop();
    }

    @AfterEach
    void every_connection_went_back_to_the_pool() {
        assertEquals(0, ((JdbcUserRepository) stores.users()).database().connectionsInUse());
    }

    @Nested
    class Outbox extends MailOutboxContract {
        @Override
        protected MailOutbox outbox() {
            return stores.outbox();
        }
    }
}
