package userapi.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * What differs between the two databases a Database runs on: connection settings, the schema folder, how a
 * unique constraint's refusal and an unreachable server look, and how a migration locks out other instances.
 * The repositories' SQL is the same on both.
 */
enum Dialect {
    /** One file, one machine: WAL with synchronous=FULL, so a commit is on disk before it returns. */
    SQLITE("sqlite", 4, false) {
        @Override
        void configure(HikariConfig pool, Duration timeout) {
            // Defaults; a setting in the URL (jdbc:sqlite:users.db?busy_timeout=100) wins over them.
            setUnlessInUrl(pool, SQLiteConfig.Pragma.JOURNAL_MODE, "WAL");
            setUnlessInUrl(pool, SQLiteConfig.Pragma.SYNCHRONOUS, "FULL");
            setUnlessInUrl(pool, SQLiteConfig.Pragma.BUSY_TIMEOUT, String.valueOf(BUSY_TIMEOUT.toMillis()));
            // tokens.user_id REFERENCES users ON DELETE CASCADE (V4): SQLite ignores foreign keys on a connection
            // without this pragma, and a deleted user's tokens would stay behind.
            setUnlessInUrl(pool, SQLiteConfig.Pragma.FOREIGN_KEYS, "true");
            pool.setInitializationFailTimeout(1); // a corrupt or locked file stops the start at once
        }

        private static void setUnlessInUrl(HikariConfig pool, SQLiteConfig.Pragma pragma, String value) {
            String query = pool.getJdbcUrl().contains("?") ? pool.getJdbcUrl().substring(pool.getJdbcUrl().indexOf('?')) : "";
            if (!query.matches("(?i).*[?&]" + pragma.pragmaName + "=.*")) {
                pool.addDataSourceProperty(pragma.pragmaName, value);
            }
        }

        @Override
        void prepare(String jdbcUrl) {
            Path parent = file(jdbcUrl).toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new Database.CannotOpen("cannot create the directory " + parent + " for the database: "
                        + e.getMessage());
            }
            SqliteNativeLibrary.useCopyUnder(parent.resolve(".sqlite-native"));
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return e instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE;
        }

        @Override
        boolean isUnreachable(SQLException e) {
            return false; // a local file is there or it is not: every failure at start is worth stopping for
        }

        /**
         * Never: the file the server opened stays open even if it is deleted or replaced, and the read cache would
         * hide a replacement anyway. Restart the server after replacing its file.
         */
        @Override
        boolean isMissingTable(SQLException e) {
            return false;
        }

        /**
         * A connection of its own, outside the pool, whose transactions begin IMMEDIATE: the write lock is taken
         * before the version is read, so two processes starting on one file cannot both migrate. The pool's
         * connections stay DEFERRED: every write of the repository starts with its INSERT, UPDATE or DELETE.
         */
        @Override
        Connection migrationConnection(HikariDataSource pool) throws SQLException {
            Properties settings = new Properties();
            settings.setProperty(SQLiteConfig.Pragma.TRANSACTION_MODE.pragmaName, SQLiteConfig.TransactionMode.IMMEDIATE.name());
            return outsidePool(pool, settings);
        }

        @Override
        void lockForMigration(Connection connection) {
            // Nothing more: the transaction began IMMEDIATE, waiting up to the busy timeout for the write lock.
        }

        @Override
        String cannotOpen(String jdbcUrl, SQLException e) {
            Path file = file(jdbcUrl);
            SQLiteErrorCode code = e instanceof SQLiteException sqlite ? sqlite.getResultCode() : SQLiteErrorCode.UNKNOWN_ERROR;
            String name = code.name();
            if (code == SQLiteErrorCode.SQLITE_NOTADB || name.startsWith("SQLITE_CORRUPT")) {
                return file + " is not a usable SQLite database (" + code.message + "): move it away or restore a backup";
            }
            if (name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED")) {
                return file + " is locked by another process: stop that process or set DATABASE_URL to another file";
            }
            if (name.startsWith("SQLITE_CANTOPEN") || name.startsWith("SQLITE_READONLY") || code == SQLiteErrorCode.SQLITE_PERM) {
                return "cannot open " + file + " for writing (" + code.message + "): check the path and its permissions";
            }
            return "cannot use " + file + ": " + oneLine(e);
        }
    },

    /** A server several app instances share; the database enforces the e-mail's uniqueness across all of them. */
    POSTGRESQL("postgresql", 10, true) {
        @Override
        void configure(HikariConfig pool, Duration timeout) {
            // The server's error detail repeats row values (an e-mail, a hash): keep it out of exceptions and logs.
            pool.addDataSourceProperty("logServerErrorDetail", "false");
            pool.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, timeout.toSeconds())));
            pool.setInitializationFailTimeout(-1); // a server that is down now may be up soon: start, report DOWN
        }

        @Override
        void prepare(String jdbcUrl) {
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState()); // class 23, integrity constraint violation: unique_violation
        }

        @Override
        boolean isUnreachable(SQLException e) {
            return e.getSQLState() != null && e.getSQLState().startsWith("08"); // class 08: connection exception
        }

        @Override
        boolean isMissingTable(SQLException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && "42P01".equals(sql.getSQLState())) { // undefined_table
                    return true;
                }
            }
            return false;
        }

        @Override
        Connection migrationConnection(HikariDataSource pool) throws SQLException {
            return pool.getConnection();
        }

        @Override
        void lockForMigration(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                // Held until commit or rollback: a second instance starting at the same moment waits here.
                statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            }
        }

        @Override
        String cannotOpen(String jdbcUrl, SQLException e) {
            return "cannot use the PostgreSQL database of DATABASE_URL: " + oneLine(e);
        }
    };

    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);
    /** The advisory lock a PostgreSQL migration holds ("userapi"); a test holds it to keep a migration waiting. */
    static final long MIGRATION_LOCK = 0x75736572617069L;

    private final String folder;
    private final int defaultPoolSize;
    private final boolean takesPassword;

    Dialect(String folder, int defaultPoolSize, boolean takesPassword) {
        this.folder = folder;
        this.defaultPoolSize = defaultPoolSize;
        this.takesPassword = takesPassword;
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("not a SQLite or PostgreSQL JDBC URL");
    }

    /** Folder of this database's versioned schema files under src/extras/resources/db/. */
    String folder() {
        return folder;
    }

    /**
     * @param poolSize connections at most (DB_POOL_SIZE), 0 for this database's default
     * @param password given outside the URL (DATABASE_PASSWORD[_FILE]), or null; handed to the driver as a
     *                 property, never put into the URL. SQLite has none (its driver would take it as an encryption key).
     */
    HikariConfig poolConfig(String jdbcUrl, String password, int poolSize, Duration timeout) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setPoolName("userapi-" + folder);
        pool.setMaximumPoolSize(poolSize > 0 ? poolSize : defaultPoolSize);
        if (password != null && takesPassword) {
            pool.setPassword(password);
        }
        pool.setConnectionTimeout(timeout.toMillis());
        pool.setValidationTimeout(Math.min(timeout.toMillis(), 1_000));
        configure(pool, timeout);
        return pool;
    }

    abstract void configure(HikariConfig pool, Duration timeout);

    /** Anything to do before the first connection, such as creating the directory of a database file. */
    abstract void prepare(String jdbcUrl);

    /** True if a UNIQUE constraint refused the statement, whichever it was: its message names it, for the caller. */
    abstract boolean isUniqueViolation(SQLException e);

    /** True if the server could not be reached at all, as opposed to refusing us (bad password, no such database). */
    abstract boolean isUnreachable(SQLException e);

    /**
     * True if the statement named a table that does not exist: ours are created by the migration, so the database
     * was dropped and re-created (or emptied) under the running server.
     */
    abstract boolean isMissingTable(SQLException e);

    /** The connection to migrate the schema on; the caller closes it. */
    abstract Connection migrationConnection(HikariDataSource pool) throws SQLException;

    /** First thing in the migration's transaction: from here until it ends, no other instance can migrate. */
    abstract void lockForMigration(Connection connection) throws SQLException;

    /** One line for the person starting the server, saying what is wrong and what to do. */
    abstract String cannotOpen(String jdbcUrl, SQLException e);

    /**
     * A SQLite connection of its own, outside the pool, with the pool's settings and these on top (the migration's,
     * the read cache's change watch); the caller closes it.
     */
    static Connection outsidePool(HikariDataSource pool, Properties extra) throws SQLException {
        Properties settings = new Properties();
        settings.putAll(pool.getDataSourceProperties());
        settings.putAll(extra);
        return DriverManager.getConnection(pool.getJdbcUrl(), settings);
    }

    /** jdbc:sqlite:data/users.db?foo=bar -> data/users.db */
    static Path file(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        return Path.of(path.toLowerCase(Locale.ROOT).startsWith("file:") ? path.substring("file:".length()) : path);
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
