package userapi.auth;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The password brake's failures in this process's memory (DATABASE_URL=memory, SQLite: one process serves).
 * Bounded twice: each key keeps only its newest failures, and at most {@code maxKeys} keys are remembered, the least
 * recently touched dropped first, so a flood of random e-mails or addresses costs bounded memory (and, as every
 * counted failure costs a password hash, cannot push a busy key out fast).
 */
public final class InMemoryFailureCounts implements FailureCounts {
    public static final int DEFAULT_MAX_KEYS = 20_000;

    private final Map<String, Deque<Instant>> failures;

    public InMemoryFailureCounts(int maxKeys) {
        this.failures = new LinkedHashMap<>(16, 0.75f, true) { // access order: the eldest is the least recently touched
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > maxKeys;
            }
        };
    }

    @Override
    public synchronized void add(String key, Instant at, int keep) {
        Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        recent.addLast(at);
        while (recent.size() > keep) {
            recent.pollFirst();
        }
    }

    @Override
    public synchronized List<Instant> newest(String key, Instant since, int limit) {
        Deque<Instant> recent = failures.get(key);
        List<Instant> newest = new ArrayList<>();
        if (recent == null) {
            return newest;
        }
        for (Iterator<Instant> it = recent.descendingIterator(); it.hasNext() && newest.size() < limit; ) {
            Instant at = it.next();
            if (at.isAfter(since)) {
                newest.add(at);
            }
        }
        return newest;
    }

    @Override
    public synchronized void clear(String key) {
        failures.remove(key);
    }

    @Override
    public synchronized int deleteUpTo(Instant before) {
        int removed = 0;
        for (Iterator<Deque<Instant>> keys = failures.values().iterator(); keys.hasNext(); ) {
            Deque<Instant> recent = keys.next();
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(before)) {
                recent.pollFirst();
                removed++;
            }
            if (recent.isEmpty()) {
                keys.remove();
            }
        }
        return removed;
    }

    /** How many keys are remembered now: never more than maxKeys. */
    synchronized int keys() {
        return failures.size();
    }
}
