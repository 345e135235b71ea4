package userapi.jdbc;

import org.junit.jupiter.api.extension.ExtendWith;
import userapi.testing.TestDatabase;

import java.time.Duration;

/** Units of work on PostgreSQL (TEST_DATABASE_URL), a new schema for every test; skipped without it. */
@ExtendWith(TestDatabase.class)
class PostgresUnitOfWorkTest extends UnitOfWorkContract {
    private TestDatabase.Schema schema;

    @Override
    protected JdbcUserRepository openEmpty() throws Exception {
        schema = TestDatabase.createSchema();
        return JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5));
    }

    @Override
    protected void dispose() throws Exception {
        schema.drop();
    }
}
