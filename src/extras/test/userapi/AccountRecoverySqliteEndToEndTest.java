package userapi;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** The account lifecycle on SQLite, the default store: the outbox outlives a restart. */
class AccountRecoverySqliteEndToEndTest extends AccountRecoveryEndToEnd {
    @TempDir
    Path directory;

    @Override
    Map<String, String> store() {
        return Map.of("DATABASE_URL", "jdbc:sqlite:" + directory.resolve("users.db"));
    }

    @Override
    boolean persists() {
        return true;
    }
}
