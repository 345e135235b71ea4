package userapi.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import userapi.logging.LogContext;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The AuditLog adapter: what it takes from the request's context, the clock and the ids, and what a failure does. */
class StoredAuditLogTest {
    private static final Instant NOW = Instant.parse("2026-05-06T07:08:09.123456Z");
    private static final UUID ID = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000001");
    private static final UUID ADA = UUID.fromString("aaaaaaaa-0000-4000-8000-0000000000ad");
    private static final UUID ADMIN = UUID.fromString("aaaaaaaa-0000-4000-8000-0000000000ff");

    private final InMemoryAuditStore store = new InMemoryAuditStore();
    private final StoredAuditLog log = new StoredAuditLog(store, Clock.fixed(NOW, ZoneOffset.UTC), () -> ID);

    @AfterEach
    void clear() {
        LogContext.clear();
    }

    @Test
    void a_row_names_the_signed_in_caller_the_client_and_the_request_at_the_clocks_millisecond() {
        LogContext.setRequestId("req-42");
        LogContext.setUser(ADMIN.toString());
        LogContext.setClientAddress("203.0.113.7");

        log.record(AuditEventType.PASSWORD_CHANGED, ADA);

        assertEquals(List.of(new AuditEvent(ID, AuditEventType.PASSWORD_CHANGED, Instant.parse("2026-05-06T07:08:09.123Z"),
                ADA, ADMIN, "203.0.113.7", "req-42")), store.page(null, null, null, 10));
    }

    @Test
    void outside_a_request_or_without_a_sign_in_the_context_fields_are_null() {
        log.record(AuditEventType.LOGIN_FAILED, null);

        assertEquals(List.of(new AuditEvent(ID, AuditEventType.LOGIN_FAILED, Instant.parse("2026-05-06T07:08:09.123Z"),
                null, null, null, null)), store.page(null, null, null, 10));
    }

    @Test
    void a_store_that_fails_makes_the_record_fail_so_that_the_change_it_records_fails_too() {
        AuditStore refusing = new AuditStore() {
            @Override
            public void append(AuditEvent event) {
                throw new IllegalStateException("cannot write");
            }

            @Override
            public List<AuditEvent> page(UUID userId, AuditEventType type, Position after, int limit) {
                return List.of();
            }

            @Override
            public int deleteOlderThan(Instant cutoff) {
                return 0;
            }
        };

        assertThrows(IllegalStateException.class,
                () -> new StoredAuditLog(refusing, Clock.systemUTC()).record(AuditEventType.LOGOUT, ADA));
    }
}
