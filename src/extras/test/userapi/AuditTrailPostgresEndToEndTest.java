package userapi;

import org.junit.jupiter.api.extension.ExtendWith;
import userapi.testing.TestDatabase;

/** The audit trail on PostgreSQL (TEST_DATABASE_URL), a new schema for every test; skipped without it. */
@ExtendWith(TestDatabase.class)
class AuditTrailPostgresEndToEndTest extends AuditTrailEndToEnd {
    private TestDatabase.Schema schema;

    @Override
    String databaseUrl() throws Exception {
        schema = TestDatabase.createSchema();
        return schema.url();
    }

    @Override
    void afterStop() throws Exception {
        schema.drop();
    }
}
