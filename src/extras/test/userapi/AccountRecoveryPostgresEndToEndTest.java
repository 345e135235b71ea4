package userapi;

import org.junit.jupiter.api.extension.ExtendWith;
import userapi.testing.TestDatabase;

import java.util.Map;

/** The account lifecycle on PostgreSQL (TEST_DATABASE_URL), in a schema of its own. */
@ExtendWith(TestDatabase.class)
class AccountRecoveryPostgresEndToEndTest extends AccountRecoveryEndToEnd {
    private TestDatabase.Schema schema;

    @Override
    Map<String, String> store() throws Exception {
        if (schema == null) {
            schema = TestDatabase.createSchema();
        }
        return Map.of("DATABASE_URL", schema.url());
    }

    @Override
    boolean persists() {
        return true;
    }

    @Override
    void afterStop() throws Exception {
        if (schema != null) {
            schema.drop();
        }
    }
}
