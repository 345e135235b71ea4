package userapi.jdbc;

import userapi.audit.AuditEvent;
import userapi.audit.AuditEventType;
import userapi.audit.AuditStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail in the users' SQL database (table audit_events, schema V8), run by the shared {@link Database}:
 * an append inside the caller's unit of work is in its transaction. A page is one statement per combination of
 * filters, each walking its own index newest first from the cursor ({@code (at_ms, id) < (?, ?)}, a row-value
 * comparison both databases use as an index range), so no page sorts or skips rows. The sweep deletes in batches,
 * each its own short statement, so it never holds SQLite's write lock for long. Any database failure is
 * StorageUnavailable.
 */
public final class JdbcAuditStore implements AuditStore {
    /** Rows one statement of the sweep deletes at most. */
    static final int SWEEP_BATCH = 5_000;
    private static final String COLUMNS = "id, type, at_ms, user_id, actor_id, client_address, request_id";
    private static final String INSERT = "INSERT INTO audit_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE_OLDER = "DELETE FROM audit_events WHERE id IN "
            + "(SELECT id FROM audit_events WHERE at_ms < ? ORDER BY at_ms LIMIT " + SWEEP_BATCH + ")";

    private final Database database;

    public JdbcAuditStore(Database database) {
        this.database = database;
    }

    @Override
    public void append(AuditEvent event) {
        database.run(INSERT, insert -> {
            insert.setObject(1, event.id());
            insert.setString(2, event.type().label());
            insert.setLong(3, event.at().toEpochMilli());
            insert.setObject(4, event.userId());
            insert.setObject(5, event.actorId());
            insert.setString(6, event.clientAddress());
            insert.setString(7, event.requestId());
            return insert.executeUpdate();
        });
    }

    @Override
    public List<AuditEvent> page(UUID userId, AuditEventType type, Position after, int limit) {
        return database.run(pageSql(userId != null, type != null, after != null), select -> {
            int i = 1;
            if (userId != null) {
                select.setObject(i++, userId);
            }
            if (type != null) {
                select.setString(i++, type.label());
            }
            if (after != null) {
                select.setLong(i++, after.at().toEpochMilli());
                select.setObject(i++, after.id());
            }
            select.setInt(i, limit);
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(event(rows));
                }
            }
            return events;
        });
    }

    /** One of eight statements: each filter and the cursor in or out; the Database prepares each once a connection. */
    static String pageSql(boolean byUser, boolean byType, boolean fromCursor) {
        List<String> conditions = new ArrayList<>();
        if (byUser) {
            conditions.add("user_id = ?");
        }
        if (byType) {
            conditions.add("type = ?");
        }
        if (fromCursor) {
            conditions.add("(at_ms, id) < (?, ?)");
        }
        return "SELECT " + COLUMNS + " FROM audit_events"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY at_ms DESC, id DESC LIMIT ?";
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = database.run(DELETE_OLDER, delete -> {
                delete.setLong(1, cutoff.toEpochMilli());
                return delete.executeUpdate();
            });
            total += deleted;
        } while (deleted == SWEEP_BATCH);
        return total;
    }

    private static AuditEvent event(ResultSet row) throws SQLException {
        return new AuditEvent(UUID.fromString(row.getString(1)), AuditEventType.ofLabel(row.getString(2)),
                Instant.ofEpochMilli(row.getLong(3)), uuid(row.getString(4)), uuid(row.getString(5)), row.getString(6),
                row.getString(7));
    }

    private static UUID uuid(String text) {
        return text == null ? null : UUID.fromString(text);
    }
}
