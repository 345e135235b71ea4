package userapi.audit;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Where the audit trail is kept: appended to, read newest first one page at a time from a position (a keyset, so a
 * deep page costs what the first one does), and swept of what is older than the retention. Newest first means by
 * {@code at} descending, and among events of one millisecond by the id's text descending: the same order in
 * every store (PostgreSQL's uuid order is that of its text).
 */
public interface AuditStore {
    /** The order of every page. */
    Comparator<AuditEvent> NEWEST_FIRST = Comparator.comparing(AuditEvent::at)
            .thenComparing(event -> event.id().toString())
            .reversed();

    /** Where a page ends: the next page starts with the event right after this one in {@link #NEWEST_FIRST}. */
    record Position(Instant at, UUID id) {
        public static Position of(AuditEvent event) {
            return new Position(event.at(), event.id());
        }
    }

    /** Stores the event; inside a unit of work, in its transaction. */
    void append(AuditEvent event);

    /**
     * At most limit events, newest first, of this user and this type (either null: any), that come after the
     * position (null: from the newest).
     */
    List<AuditEvent> page(UUID userId, AuditEventType type, Position after, int limit);

    /** Deletes every event from before the cutoff. @return how many */
    int deleteOlderThan(Instant cutoff);
}
