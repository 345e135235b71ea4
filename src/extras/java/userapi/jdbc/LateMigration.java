package userapi.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place that migrates a database that could not be reached at start: a single background thread tries
 * again, at a growing pause or at once when a request finds the schema missing, until it succeeds or the
 * Database closes. Requests and /health never migrate; they only read {@link #failure()}.
 */
final class LateMigration implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LateMigration.class.getName());
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    @FunctionalInterface
    interface Attempt {
        void run() throws SQLException;
    }

    private final Attempt migrate;
    private final Predicate<SQLException> unreachable;
    private final String threadName;
    private final Object wakeUp = new Object();
    private volatile SQLException failure;
    private volatile boolean closed;
    private Thread thread;

    LateMigration(Attempt migrate, Predicate<SQLException> unreachable, String threadName) {
        this.migrate = migrate;
        this.unreachable = unreachable;
        this.threadName = threadName;
    }

    /** The start could not migrate: until a later attempt succeeds, failure() is this or a newer failure. */
    synchronized void startRetrying(SQLException first) {
        failure = first;
        thread = Thread.ofPlatform().daemon().name(threadName).start(this::retryUntilMigrated);
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
                migrate.run();
                failure = null;
                LOG.info("the database can be reached again; its schema is up to date");
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
