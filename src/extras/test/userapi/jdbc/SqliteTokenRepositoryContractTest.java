package userapi.jdbc;

import userapi.auth.TokenRepositoryContract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.model.Role;
import userapi.auth.StoredToken;
import userapi.model.User;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The token repository contract on SQLite, a new database file for every test; and the cascade of the schema. */
class SqliteTokenRepositoryContractTest extends TokenRepositoryContract {
    @TempDir
    Path directory;

    @Override
    protected Stores openEmpty() {
        JdbcUserRepository users = JdbcUserRepository.open("jdbc:sqlite:" + directory.resolve("users.db"), Duration.ofSeconds(5));
        return new Stores(users, new JdbcTokenRepository(users.database()));
    }

    @Test
    void a_token_dies_with_its_user_in_the_database_itself() {
        UUID eve = new UUID(0, 5);
        Instant now = Instant.parse("2026-03-04T05:06:07Z");
        stores.users().insert(new User(eve, "Eve", "eve@example.com", "hash", Role.USER, now));
        stores.tokens().insert(new StoredToken("e1", eve, now, now.plusSeconds(60)));

        stores.users().delete(eve);

        assertEquals(Optional.empty(), stores.tokens().findValid("e1", now));
        assertEquals(0, stores.tokens().deleteAllOf(eve, null), "no row left behind");
    }
}
