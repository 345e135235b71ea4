package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import userapi.account.AccountStandingsContract;
import userapi.testing.TestDatabase;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The account standings contract on PostgreSQL (TEST_DATABASE_URL), JdbcAccountStandings' one statement, a new
 * schema for every test; skipped without it.
 */
@ExtendWith(TestDatabase.class)
class PostgresAccountStandingsContractTest extends AccountStandingsContract {
    private TestDatabase.Schema schema;
    private Database database;

    @Override
    protected Stores openEmpty() throws Exception {
        schema = TestDatabase.createSchema();
        JdbcUserRepository users = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5));
        database = users.database();
        return new Stores(users, new JdbcAccountStore(database), new JdbcDisabledAccounts(database),
                new JdbcAccountStandings(database));
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
