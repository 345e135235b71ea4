package userapi.jdbc;

import org.junit.jupiter.api.io.TempDir;
import userapi.auth.FailureCounts;
import userapi.auth.FailureCountsContract;

import java.nio.file.Path;
import java.time.Duration;

/** The FailureCounts contract on SQLite's login_failures table, a new database file for every test. */
class SqliteFailureCountsContractTest extends FailureCountsContract {
    @TempDir
    Path directory;
    private JdbcUserRepository users;

    @Override
    protected FailureCounts openEmpty() {
        users = JdbcUserRepository.open("jdbc:sqlite:" + directory.resolve("users.db"), Duration.ofSeconds(5));
        return new JdbcFailureCounts(users.database());
    }

    @Override
    protected void disposeOf() {
        users.close();
    }
}
