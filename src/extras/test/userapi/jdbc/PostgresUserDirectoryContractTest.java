package userapi.jdbc;

import org.junit.jupiter.api.extension.ExtendWith;
import userapi.directory.UserDirectoryContract;
import userapi.testing.TestDatabase;

import java.time.Duration;

/** The admin's list contract on PostgreSQL (TEST_DATABASE_URL), a new schema for every test; skipped without it. */
@ExtendWith(TestDatabase.class)
class PostgresUserDirectoryContractTest extends UserDirectoryContract {
    private TestDatabase.Schema schema;

    @Override
    protected Stores openEmpty() throws Exception {
        schema = TestDatabase.createSchema();
        JdbcUserRepository users = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5));
        return new Stores(users, new JdbcDisabledAccounts(users.database()), new JdbcUserDirectory(users.database()));
    }

    @Override
    protected void disposeOf() throws Exception {
        schema.drop();
    }
}
