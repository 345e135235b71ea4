package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import userapi.auth.TokenOwnersContract;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The token owners contract on SQLite, JdbcTokenOwners' one statement, a new database file for every test. */
class SqliteTokenOwnersContractTest extends TokenOwnersContract {
    @TempDir
    Path directory;

    /** The database the stores share, to see that every connection went back to its pool. */
    Database database;

    String url() {
        return "jdbc:sqlite:" + directory.resolve("users.db");
    }

    @Override
    protected Stores openEmpty() {
        JdbcUserRepository users = JdbcUserRepository.open(url(), Duration.ofSeconds(5));
        database = users.database();
        return new Stores(users, new JdbcTokenRepository(database), new JdbcAccountStore(database),
                new JdbcDisabledAccounts(database), new JdbcTokenOwners(database));
    }

    @AfterEach
    void every_connection_went_back_to_the_pool() {
        assertEquals(0, database.connectionsInUse());
    }
}
