package userapi.jdbc;

import org.junit.jupiter.api.io.TempDir;
import userapi.cache.CachedUserRepository;
import userapi.cache.ReadCache;
import userapi.cache.SqliteDataVersion;
import userapi.repository.UserRepository;

import java.nio.file.Path;
import java.time.Duration;

/** Units of work on SQLite, through the read cache as production reads: a new database file for every test. */
class SqliteUnitOfWorkTest extends UnitOfWorkContract {
    @TempDir
    Path directory;

    @Override
    protected JdbcUserRepository openEmpty() {
        return JdbcUserRepository.open("jdbc:sqlite:" + directory.resolve("users.db"), Duration.ofSeconds(5));
    }

    @Override
    protected UserRepository around(JdbcUserRepository jdbc) {
        Database database = jdbc.database();
        return new CachedUserRepository(jdbc, new ReadCache(new SqliteDataVersion(database::openOutsidePool),
                database::writingInUnitOfWork));
    }
}
