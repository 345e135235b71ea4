package userapi.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place that migrates a database after the start: one that could not be reached at start, or one whose
 * tables went missing while we ran (dropped and re-created empty). A single background thread tries again, at a
 * growing pause or at once when a request finds the schema missing, until it succeeds or the Database closes.
 * Requests and /health never migrate; they only read {@link #failure()}.
 */
final class LateMigration implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LateMigration.class.getName());
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    /** One migration; it answers how many versions it applied. */
    @FunctionalInterface
    interface Attempt {
        int run() throws SQLException;
    }

    private final Attempt migrate;
    private final Predicate<SQLException> unreachable;
    private final String threadName;
    private final Object wakeUp = new Object();
    private volatile SQLException failure;
    private volatile boolean closed;
    /** The thread retrying now, null when the schema is in place; guarded by this. */
    private Thread thread;
    /** The current retrying began with a table found missing; guarded by this. */
    private boolean tableLost;
    /**
     * A table was missing though schema_version recorded every version, so migrating changed nothing: said once at
     * SEVERE, and not again at each request that finds it missing; guarded by this.
     */
    private boolean cannotRepairSaid;

    LateMigration(Attempt migrate, Predicate<SQLException> unreachable, String threadName) {
        this.migrate = migrate;
        this.unreachable = unreachable;
        this.threadName = threadName;
    }

    /** The start could not migrate: until a later attempt succeeds, failure() is this or a newer failure. */
    synchronized void startRetrying(SQLException first) {
        failure = first;
        retryInBackground();
    }

    /**
     * A statement found a table of ours missing: until a migration succeeds again, failure() is set (the server is
     * not ready). Said once at WARNING when the schema was thought in place.
     */
    void schemaLost(SQLException missing) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (failure == null && !cannotRepairSaid) {
                LOG.warning(() -> "a table of the schema is missing (" + Dialect.oneLine(missing) + "): the database "
                        + "was dropped or emptied; not ready, creating the schema again in the background");
            }
            failure = missing;
            tableLost = true;
            retryInBackground();
        }
        retryNow();
    }

    /** Starts the retrying thread unless it runs; holding this. */
    private void retryInBackground() {
        if (thread == null && !closed) {
            thread = Thread.ofPlatform().daemon().name(threadName).start(this::retryUntilMigrated);
        }
    }

    /** Why the schema is not known to be in place; null once it is. */
    SQLException failure() {
        return failure;
    }

    /** Cuts the current pause short; returns at once. */
    void retryNow() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void retryUntilMigrated() {
        Duration pause = FIRST_PAUSE;
        String lastReported = null;
        while (!closed) {
            synchronized (wakeUp) {
                try {
                    wakeUp.wait(pause.toMillis());
                } catch (InterruptedException e) {
                    return; // closed
                }
            }
            if (closed) {
                return;
            }
            try {
                int applied = migrate.run();
                migrated(applied);
                return;
            } catch (SQLException e) {
                failure = e;
                // Still down was said at start; anything else is said once: a schema this server must not use
                // (edited file, newer version) at SEVERE, as it stops the start; a refusal (a password) at WARNING.
                if (!unreachable.test(e) && !Dialect.oneLine(e).equals(lastReported)) {
                    lastReported = Dialect.oneLine(e);
                    boolean schema = e instanceof SchemaMigrations.NewerSchema || e instanceof SchemaMigrations.EditedMigration;
                    LOG.log(schema ? Level.SEVERE : Level.WARNING, "the database answers but cannot be used: " + lastReported);
                }
            } catch (RuntimeException e) {
                failure = new SQLException(e);
                LOG.log(Level.SEVERE, "migrating the schema failed", e);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    /**
     * The schema is in place again: ready. A table found missing that the migration did not bring back (it applied
     * nothing: schema_version survived, a table did not) is damage only a person can repair; said once, after
     * which each request that finds the table missing answers 503 without another round of logging.
     */
    private synchronized void migrated(int applied) {
        if (tableLost && applied == 0) {
            if (!cannotRepairSaid) {
                LOG.severe("a table of the schema is missing although schema_version records every version: the "
                        + "database was changed by hand; restore it from a backup, or empty it to have the schema "
                        + "created again");
            }
            cannotRepairSaid = true;
        } else {
            cannotRepairSaid = false;
            LOG.info(tableLost ? "the schema has been created again (" + applied + " versions): ready"
                    : "the database can be reached again; its schema is up to date");
        }
        tableLost = false;
        failure = null;
        thread = null;
    }

    /** Stops the thread, waiting a bounded while for an attempt under way (it waits at most the pool's timeout). */
    @Override
    public void close() {
        closed = true;
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
