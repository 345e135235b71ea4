package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import userapi.account.DisabledAccountsContract;
import userapi.testing.TestDatabase;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The disabled accounts contract on PostgreSQL (TEST_DATABASE_URL), a new schema for every test; skipped without it.
 * Here the races are between connections of a pool, as between instances: the last-admin lock is the database's.
 */
@ExtendWith(TestDatabase.class)
class PostgresDisabledAccountsContractTest extends DisabledAccountsContract {
    private TestDatabase.Schema schema;

    @Override
    protected Stores openEmpty() throws Exception {
        schema = TestDatabase.createSchema();
        JdbcUserRepository users = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5));
        return new Stores(users, new JdbcDisabledAccounts(users.database()));
    }

    @Override
    protected void disposeOf() throws Exception {
        schema.drop();
    }

    @AfterEach
    void every_connection_went_back_to_the_pool() {
        assertEquals(0, ((JdbcUserRepository) stores.users()).database().connectionsInUse());
    }
}
