package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import userapi.audit.AuditStore;
import userapi.audit.AuditStoreContract;
import userapi.testing.TestDatabase;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The audit store contract on PostgreSQL (TEST_DATABASE_URL), a new schema for every test; skipped without it. */
@ExtendWith(TestDatabase.class)
class PostgresAuditStoreContractTest extends AuditStoreContract {
    private TestDatabase.Schema schema;
    private JdbcUserRepository users;

    @Override
    protected AuditStore openEmpty() throws Exception {
        schema = TestDatabase.createSchema();
        users = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5));
        return new JdbcAuditStore(users.database());
    }

    @Override
    protected void close() throws Exception {
        users.close();
        schema.drop();
    }

    @AfterEach
    void every_connection_went_back_to_the_pool() {
        assertEquals(0, users.database().connectionsInUse());
    }
}
