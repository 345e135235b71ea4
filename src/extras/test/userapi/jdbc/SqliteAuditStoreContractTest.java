package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.audit.AuditStore;
import userapi.audit.AuditStoreContract;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit store contract on SQLite, a new database file for every test, and the plans of its pages. */
class SqliteAuditStoreContractTest extends AuditStoreContract {
    @TempDir
    Path directory;
    private JdbcUserRepository users;

    @Override
    protected AuditStore openEmpty() {
        users = JdbcUserRepository.open(url(), Duration.ofSeconds(5));
        return new JdbcAuditStore(users.database());
    }

    private String url() {
        return "jdbc:sqlite:" + directory.resolve("users.db");
    }

    @Override
    protected void close() {
        users.close();
    }

    @AfterEach
    void every_connection_went_back_to_the_pool() {
        assertEquals(0, users.database().connectionsInUse());
    }

    /** A deep page costs what the first does: every page walks an index from its cursor, and none sorts. */
    @Test
    void every_page_with_or_without_filters_and_cursor_walks_an_index_without_sorting() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement()) {
            for (boolean byUser : new boolean[] {false, true}) {
                for (boolean byType : new boolean[] {false, true}) {
                    for (boolean fromCursor : new boolean[] {false, true}) {
                        String sql = JdbcAuditStore.pageSql(byUser, byType, fromCursor).replace("?", "'x'");
                        List<String> plan = new ArrayList<>();
                        try (ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
                            while (rows.next()) {
                                plan.add(rows.getString("detail"));
                            }
                        }
                        String expected = byUser && byType ? "audit_events_by_user_and_type" : byUser ? "audit_events_by_user"
                                : byType ? "audit_events_by_type" : "audit_events_by_time";
                        assertTrue(plan.stream().anyMatch(step -> step.contains(expected)), sql + " -> " + plan);
                        assertFalse(plan.stream().anyMatch(step -> step.contains("TEMP B-TREE")), sql + " -> " + plan);
                    }
                }
            }
        }
    }
}
