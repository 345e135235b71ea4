package userapi.jdbc;

import userapi.auth.TokenRepositoryContract;

import org.junit.jupiter.api.extension.ExtendWith;
import userapi.testing.TestDatabase;

import java.time.Duration;

/** The token repository contract on PostgreSQL (TEST_DATABASE_URL), a new schema for every test; skipped without it. */
@ExtendWith(TestDatabase.class)
class PostgresTokenRepositoryContractTest extends TokenRepositoryContract {
    private TestDatabase.Schema schema;

    @Override
    protected Stores openEmpty() throws Exception {
        schema = TestDatabase.createSchema();
        JdbcUserRepository users = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5));
        return new Stores(users, new JdbcTokenRepository(users.database()));
    }

    @Override
    protected void disposeOf() throws Exception {
        schema.drop();
    }
}
