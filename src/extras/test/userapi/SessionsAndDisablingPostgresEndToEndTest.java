package userapi;

import org.junit.jupiter.api.extension.ExtendWith;
import userapi.jdbc.JdbcUserRepository;
import userapi.model.Role;
import userapi.testing.TestDatabase;

import java.time.Duration;

/** Sessions and disabled accounts on PostgreSQL (TEST_DATABASE_URL), in a schema of its own; no cache: every request reads. */
@ExtendWith(TestDatabase.class)
class SessionsAndDisablingPostgresEndToEndTest extends SessionsAndDisablingEndToEnd {
    private TestDatabase.Schema schema;

    @Override
    String databaseUrl() throws Exception {
        if (schema == null) {
            schema = TestDatabase.createSchema();
        }
        return schema.url();
    }

    @Override
    void promote(String email) throws Exception {
        try (JdbcUserRepository users = JdbcUserRepository.open(databaseUrl(), Duration.ofSeconds(5))) {
            users.setRole(users.findByEmail(email).orElseThrow().id(), Role.ADMIN);
        }
    }

    @Override
    void afterStop() throws Exception {
        if (schema != null) {
            schema.drop();
        }
    }
}
