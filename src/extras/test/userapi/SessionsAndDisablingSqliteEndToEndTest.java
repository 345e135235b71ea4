package userapi;

import org.junit.jupiter.api.io.TempDir;
import userapi.jdbc.JdbcUserRepository;
import userapi.model.Role;

import java.nio.file.Path;
import java.time.Duration;

/** Sessions and disabled accounts on SQLite, where tokens are read through the read cache: an ended one is seen at once. */
class SessionsAndDisablingSqliteEndToEndTest extends SessionsAndDisablingEndToEnd {
    @TempDir
    Path directory;

    @Override
    String databaseUrl() {
        return "jdbc:sqlite:" + directory.resolve("users.db");
    }

    @Override
    void promote(String email) {
        try (JdbcUserRepository users = JdbcUserRepository.open(databaseUrl(), Duration.ofSeconds(5))) {
            users.setRole(users.findByEmail(email).orElseThrow().id(), Role.ADMIN);
        }
    }
}
