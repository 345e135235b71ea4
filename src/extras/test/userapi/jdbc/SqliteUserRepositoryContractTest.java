package userapi.jdbc;

import userapi.repository.UserRepositoryContract;

import userapi.repository.UserRepository;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The repository contract on SQLite, a new database file in a temporary directory for every test. */
class SqliteUserRepositoryContractTest extends UserRepositoryContract {
    @TempDir
    Path directory;

    @Override
    protected UserRepository openEmpty() {
        return JdbcUserRepository.open("jdbc:sqlite:" + directory.resolve("users.db"), Duration.ofSeconds(5));
    }

    @AfterEach
    void every_connection_went_back_to_the_pool() {
        assertEquals(0, ((JdbcUserRepository) repository).database().connectionsInUse());
    }
}
