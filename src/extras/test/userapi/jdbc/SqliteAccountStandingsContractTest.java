package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import userapi.account.AccountStandingsContract;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The account standings contract on SQLite, JdbcAccountStandings' one statement, a new database file for every test. */
class SqliteAccountStandingsContractTest extends AccountStandingsContract {
    @TempDir
    Path directory;

    private Database database;

    @Override
    protected Stores openEmpty() {
        JdbcUserRepository users = JdbcUserRepository.open("jdbc:sqlite:" + directory.resolve("users.db"), Duration.ofSeconds(5));
        database = users.database();
        return new Stores(users, new JdbcAccountStore(database), new JdbcDisabledAccounts(database),
                new JdbcAccountStandings(database));
    }

    @AfterEach
    void every_connection_went_back_to_the_pool() {
        assertEquals(0, database.connectionsInUse());
    }
}
