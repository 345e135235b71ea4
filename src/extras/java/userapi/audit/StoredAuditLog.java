package userapi.audit;

import userapi.logging.LogContext;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The AuditLog adapter: each event becomes a row of the {@link AuditStore}, with a new random id, the clock's time
 * to the millisecond, and the rest from the request's context (LogContext): the signed-in caller as the actor, the
 * client address and the request id. Inside a unit of work the row is written in its transaction; a failure to
 * write it is thrown, so the change it records is rolled back with it.
 */
public final class StoredAuditLog implements AuditLog {
    private final AuditStore store;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public StoredAuditLog(AuditStore store, Clock clock) {
        this(store, clock, UUID::randomUUID);
    }

    public StoredAuditLog(AuditStore store, Clock clock, Supplier<UUID> ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public void record(AuditEventType type, UUID userId) {
        store.append(new AuditEvent(ids.get(), type, clock.instant().truncatedTo(ChronoUnit.MILLIS), userId, actor(),
                LogContext.clientAddress(), LogContext.requestId()));
    }

    /** The caller SignIn proved for this request (LogContext holds its id as text), or null when none was. */
    private static UUID actor() {
        String user = LogContext.user();
        if (user == null) {
            return null;
        }
        try {
            return UUID.fromString(user);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
