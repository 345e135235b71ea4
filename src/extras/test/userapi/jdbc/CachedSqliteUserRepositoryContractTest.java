package userapi.jdbc;

import userapi.repository.UserRepositoryContract;

import userapi.repository.UserRepository;

import org.junit.jupiter.api.io.TempDir;
import userapi.cache.CachedUserRepository;
import userapi.cache.ReadCache;
import userapi.cache.SqliteDataVersion;

import java.nio.file.Path;
import java.time.Duration;

/** The repository contract on SQLite behind its read cache, as the server runs it: the cache changes no answer. */
class CachedSqliteUserRepositoryContractTest extends UserRepositoryContract {
    @TempDir
    Path directory;

    @Override
    protected UserRepository openEmpty() {
        JdbcUserRepository store = JdbcUserRepository.open("jdbc:sqlite:" + directory.resolve("users.db"), Duration.ofSeconds(5));
        return new CachedUserRepository(store, new ReadCache(new SqliteDataVersion(store.database()::openOutsidePool)));
    }
}
