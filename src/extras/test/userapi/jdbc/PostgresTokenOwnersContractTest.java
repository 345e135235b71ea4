package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import userapi.auth.TokenOwnersContract;
import userapi.testing.TestDatabase;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The token owners contract on PostgreSQL (TEST_DATABASE_URL), JdbcTokenOwners' one statement, a new schema for
 * every test; skipped without it.
 */
@ExtendWith(TestDatabase.class)
class PostgresTokenOwnersContractTest extends TokenOwnersContract {
    private TestDatabase.Schema schema;
    private Database database;

    @Override
    protected Stores openEmpty() throws Exception {
        schema = TestDatabase.createSchema();
        JdbcUserRepository users = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5));
        database = users.database();
        return new Stores(users, new JdbcTokenRepository(database), new JdbcAccountStore(database),
                new JdbcDisabledAccounts(database), new JdbcTokenOwners(database));
    }

    @Override
    protected void disposeOf() throws Exception {
        schema.drop();
    }

    @AfterEach
    void every_connection_went_back_to_the_pool() {
        assertEquals(0, database.connectionsInUse());
    }
}
