package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import userapi.account.DisabledAccountsContract;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The disabled accounts contract on SQLite, a new database file for every test. */
class SqliteDisabledAccountsContractTest extends DisabledAccountsContract {
    @TempDir
    Path directory;

    @Override
    protected Stores openEmpty() {
        JdbcUserRepository users = JdbcUserRepository.open("jdbc:sqlite:" + directory.resolve("users.db"), Duration.ofSeconds(5));
        return new Stores(users, new JdbcDisabledAccounts(users.database()));
    }

    @AfterEach
    void every_connection_went_back_to_the_pool() {
        assertEquals(0, ((JdbcUserRepository) stores.users()).database().connectionsInUse());
    }
}
