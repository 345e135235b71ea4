package userapi;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The audit trail on SQLite, the default store. */
class AuditTrailSqliteEndToEndTest extends AuditTrailEndToEnd {
    @TempDir
    Path directory;

    @Override
    String databaseUrl() {
        return "jdbc:sqlite:" + directory.resolve("users.db");
    }
}
