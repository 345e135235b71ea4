package userapi.jdbc;

import userapi.repository.UserRepositoryContract;

import userapi.repository.UserRepository;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import userapi.testing.TestDatabase;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The repository contract on PostgreSQL (TEST_DATABASE_URL), a new schema for every test; skipped without it. */
@ExtendWith(TestDatabase.class)
class PostgresUserRepositoryContractTest extends UserRepositoryContract {
    private TestDatabase.Schema schema;

    @Override
    protected UserRepository openEmpty() throws Exception {
        schema = TestDatabase.createSchema();
        return JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5));
    }

    @Override
    protected void disposeOf() throws Exception {
        schema.drop();
    }

    @AfterEach
    void every_connection_went_back_to_the_pool() {
        assertEquals(0, ((JdbcUserRepository) repository).database().connectionsInUse());
    }
}
