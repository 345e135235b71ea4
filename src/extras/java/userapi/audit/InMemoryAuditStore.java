package userapi.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit trail in memory (DATABASE_URL=memory, and tests), gone with the process. Bounded: past
 * {@link #DEFAULT_MAX_EVENTS} the oldest events are dropped first, so a flood of failed logins cannot grow memory
 * without end; the retention sweep usually keeps it well below. One lock (not synchronized: the callers are virtual
 * threads); a filtered page walks the events newest first, which the bound keeps cheap enough.
 */
public final class InMemoryAuditStore implements AuditStore {
    public static final int DEFAULT_MAX_EVENTS = 100_000;

    private final int maxEvents;
    private final ReentrantLock lock = new ReentrantLock();
    private final NavigableSet<AuditEvent> events = new TreeSet<>(NEWEST_FIRST);

    public InMemoryAuditStore() {
        this(DEFAULT_MAX_EVENTS);
    }

    public InMemoryAuditStore(int maxEvents) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1");
        }
        this.maxEvents = maxEvents;
    }

    @Override
    public void append(AuditEvent event) {
        lock.lock();
        try {
            events.add(event);
            while (events.size() > maxEvents) {
                events.pollLast(); // the oldest
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<AuditEvent> page(UUID userId, AuditEventType type, Position after, int limit) {
        List<AuditEvent> page = new ArrayList<>();
        lock.lock();
        try {
            NavigableSet<AuditEvent> from = after == null ? events
                    : events.tailSet(new AuditEvent(after.id(), AuditEventType.LOGOUT, after.at(), null, null, null, null), false);
            for (AuditEvent event : from) {
                if (page.size() == limit) {
                    break;
                }
                if ((userId == null || userId.equals(event.userId())) && (type == null || type == event.type())) {
                    page.add(event);
                }
            }
        } finally {
            lock.unlock();
        }
        return page;
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        lock.lock();
        try {
            int removed = 0;
            while (!events.isEmpty() && events.last().at().isBefore(cutoff)) {
                events.pollLast();
                removed++;
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }
}
