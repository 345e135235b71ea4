package userapi.cache;

import userapi.model.Page;
import userapi.auth.StoredToken;
import userapi.auth.TokenOwner;
import userapi.model.User;

import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the cached repositories have read, kept for exactly as long as the store's {@link ChangeWatch} says nobody
 * has committed: all entries belong to one generation, the watch's stamp, and a new stamp starts an empty one.
 * Why an entry is right: it was read after the watch gave the stamp, and the watch still giving it means no commit
 * since. A read first asks the watch, then looks in that generation, and on a miss reads the store and puts what
 * it read into that same generation (one replaced meanwhile is garbage no one reads). Lock-free; each map is
 * cleared when it reaches its bound, so memory stays small whatever is read. A thread whose unit of work has written
 * and not yet committed reads past the cache, and keeps nothing it reads: that may never be committed.
 */
public final class ReadCache implements AutoCloseable {
    static final int MAX_USERS = 10_000;
    static final int MAX_TOKENS = 10_000;
    static final int MAX_PAGES = 64;

    private final ChangeWatch watch;
    private final BooleanSupplier uncommittedWrites;
    /** The newest generation, or null after a write or while the watch cannot tell. */
    private final AtomicReference<Generation> current = new AtomicReference<>();
    /** The open scope of this thread's request, if any: see {@link #openScope()}. */
    private final ThreadLocal<Scope> scopes = new ThreadLocal<>();

    public ReadCache(ChangeWatch watch) {
        this(watch, () -> false);
    }

    /** @param uncommittedWrites true while the calling thread has written in a transaction not yet committed */
    public ReadCache(ChangeWatch watch, BooleanSupplier uncommittedWrites) {
        this.watch = watch;
        this.uncommittedWrites = uncommittedWrites;
    }

    /** One page of the list: its limit and offset. */
    record PageKey(int limit, int offset) {
    }

    /** Entries valid while the watch gives this stamp. */
    static final class Generation {
        final long stamp;
        final Map<UUID, User> users = new ConcurrentHashMap<>();
        final Map<String, StoredToken> tokens = new ConcurrentHashMap<>();
        final Map<String, TokenOwner> owners = new ConcurrentHashMap<>();
        final Map<PageKey, Page<User>> pages = new ConcurrentHashMap<>();

        Generation(long stamp) {
            this.stamp = stamp;
        }

        static <K, V> void put(Map<K, V> map, int bound, K key, V value) {
            if (map.size() >= bound) {
                map.clear();
            }
            map.put(key, value);
        }
    }

    /**
     * One request's reads, as one look: the first read in the scope asks the watch, the later ones reuse its
     * generation, so a request reads one state of the store, as of a moment after it began, for the price of one
     * look. A write through the cache ends the reuse (the next read looks again). Opened and closed by the thread
     * that serves the request, around all of it (ProductionApp opens it around every handler); outside a scope each read looks.
     */
    public final class Scope implements AutoCloseable {
        private Generation generation;

        @Override
        public void close() {
            scopes.remove();
        }
    }

    public Scope openScope() {
        Scope scope = new Scope();
        scopes.set(scope);
        return scope;
    }

    /**
     * The generation to read from and put into now, or null if nothing may be trusted: the watch cannot tell, or
     * this look is older than one another thread has already acted on (it would bring back an old generation), or
     * this thread has written in a transaction it has not committed yet.
     * In a scope, the scope's generation once it has one.
     */
    Generation now() {
        if (uncommittedWrites.getAsBoolean()) {
            return null;
        }
        Scope scope = scopes.get();
        if (scope == null) {
            return look();
        }
        if (scope.generation == null) {
            scope.generation = look();
        }
        return scope.generation;
    }

    private Generation look() {
        OptionalLong look = watch.stamp();
        if (look.isEmpty()) {
            current.set(null);
            return null;
        }
        long stamp = look.getAsLong();
        Generation seen = current.get();
        while (seen == null || seen.stamp != stamp) {
            if (seen != null && stamp < seen.stamp) {
                return null;
            }
            Generation fresh = new Generation(stamp);
            if (current.compareAndSet(seen, fresh)) {
                return fresh;
            }
            seen = current.get();
        }
        return seen;
    }

    /** Runs a write of the store, then forgets what was read before it, whether the write succeeded or not. */
    <T> T write(Supplier<T> write) {
        try {
            return write.get();
        } finally {
            forget();
        }
    }

    void write(Runnable write) {
        try {
            write.run();
        } finally {
            forget();
        }
    }

    /** After a write through us: it changes the stamp anyway, but nothing cached before it is kept regardless. */
    void forget() {
        current.set(null);
        Scope scope = scopes.get();
        if (scope != null) {
            scope.generation = null;
        }
    }

    @Override
    public void close() {
        forget();
        watch.close();
    }
}
