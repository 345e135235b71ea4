package userapi.jdbc;

import org.junit.jupiter.api.io.TempDir;
import userapi.directory.UserDirectoryContract;

import java.nio.file.Path;
import java.time.Duration;

/** The admin's list contract on SQLite, a new database file for every test. */
class SqliteUserDirectoryContractTest extends UserDirectoryContract {
    @TempDir
    Path directory;

    @Override
    protected Stores openEmpty() {
        JdbcUserRepository users = JdbcUserRepository.open("jdbc:sqlite:" + directory.resolve("users.db"), Duration.ofSeconds(5));
        return new Stores(users, new JdbcDisabledAccounts(users.database()), new JdbcUserDirectory(users.database()));
    }
}
