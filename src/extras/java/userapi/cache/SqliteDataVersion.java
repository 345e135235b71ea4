package userapi.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * SQLite's change watch: one connection of its own, outside the pool, asks {@code PRAGMA data_version}, which
 * changes whenever another connection has committed since this one last asked: the pool's, the promote command's,
 * a second server's on the same file. This connection never writes, so every commit counts. One look at a time,
 * under a lock (not synchronized: the callers are virtual threads); a caller that waited while a look began
 * after it arrived takes that look's answer instead of asking again. If the connection fails, the watch answers
 * empty (cache nothing) and opens a new one at most once a second.
 */
public final class SqliteDataVersion implements ChangeWatch {
    private static final Logger LOG = Logger.getLogger(SqliteDataVersion.class.getName());
    static final Duration RETRY = Duration.ofSeconds(1);

    /** Opens a connection to the same database with the pool's settings; the watch closes it. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final Duration retry;
    private final ReentrantLock lock = new ReentrantLock();
    /** Looks begun so far; written under the lock, read before taking it. */
    private volatile long looks;
    // The rest only under the lock.
    private Connection connection;
    private PreparedStatement dataVersion;
    private long lastDataVersion;
    /** The answer of the last look, or -1 if it failed. */
    private long lastStamp = -1;
    /** Grows by one whenever data_version changes or the connection is new: never repeats an old state's stamp. */
    private long stamp;
    private long retryAtNanos;
    private boolean closed;

    public SqliteDataVersion(Connections connections) {
        this(connections, RETRY);
    }

    /** @param retry how long after a failure the next look may open a new connection */
    SqliteDataVersion(Connections connections, Duration retry) {
        this.connections = connections;
        this.retry = retry;
    }

    @Override
    public OptionalLong stamp() {
        long arrivedAfter = looks;
        lock.lock();
        try {
            if (looks != arrivedAfter) { // a look began after we arrived and has ended: as fresh as our own
                return lastStamp < 0 ? OptionalLong.empty() : OptionalLong.of(lastStamp);
            }
            looks = arrivedAfter + 1;
            lastStamp = look();
            return lastStamp < 0 ? OptionalLong.empty() : OptionalLong.of(lastStamp);
        } finally {
            lock.unlock();
        }
    }

    private long look() {
        if (closed || connection == null && !reopen()) {
            return -1;
        }
        try (ResultSet row = dataVersion.executeQuery()) {
            row.next();
            long version = row.getLong(1);
            if (version != lastDataVersion) {
                lastDataVersion = version;
                stamp++;
            }
            return stamp;
        } catch (SQLException e) {
            LOG.warning(() -> "cannot read the database's change counter (" + e.getMessage()
                    + "): reading without the cache until it can");
            drop();
            retryAtNanos = System.nanoTime() + retry.toNanos();
            return -1;
        }
    }

    private boolean reopen() {
        if (System.nanoTime() - retryAtNanos < 0) {
            return false;
        }
        try {
            connection = connections.open();
            dataVersion = connection.prepareStatement("PRAGMA data_version");
            stamp++; // a new connection counts from its own start: its first answer is a new state
            lastDataVersion = Long.MIN_VALUE;
            return true;
        } catch (SQLException e) {
            LOG.warning(() -> "cannot open the database's change watch (" + e.getMessage()
                    + "): reading without the cache, trying again in " + retry.toMillis() + " ms");
            drop();
            retryAtNanos = System.nanoTime() + retry.toNanos();
            return false;
        }
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close(); // closes its statement too
            } catch (SQLException e) {
                // already broken: nothing more to release
            }
        }
        connection = null;
        dataVersion = null;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            drop();
        } finally {
            lock.unlock();
        }
    }
}
