package userapi.jdbc;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A consistent copy of a SQLite database file that a server may be writing to, taken with {@code VACUUM INTO} on a
 * read-only connection: it reads one snapshot (a WAL read transaction), so the server's writers never wait for it,
 * and the copy holds exactly the transactions committed when it began. The copy is written under a temporary name
 * beside the target, must pass {@code PRAGMA integrity_check}, and only then takes the target's name; an existing
 * target is never overwritten.
 */
public final class SqliteBackup {
    /** How long the copy's read waits if the file is briefly locked (a WAL recovery); writers never lock readers out. */
    private static final int BUSY_TIMEOUT_MS = 5_000;

    /** The backup was not made; the message is one line for the operator, and nothing was left at the target. */
    public static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    /** A finished backup: where it is, how many users it holds, its size in bytes. */
    public record Copy(Path file, long users, long bytes) {
    }

    /** Something done to the copy after it is written and before it is checked: nothing, outside tests. */
    @FunctionalInterface
    interface BeforeCheck {
        void run(Path copy) throws SQLException;
    }

    private final Path database;
    private final BeforeCheck beforeCheck;

    /** @param database the SQLite file the server uses, e.g. data/users.db */
    public SqliteBackup(Path database) {
        this(database, copy -> { });
    }

    SqliteBackup(Path database, BeforeCheck beforeCheck) {
        this.database = database;
        this.beforeCheck = beforeCheck;
    }

    /** The file of a jdbc:sqlite: URL (jdbc:sqlite:data/users.db?busy_timeout=100 -> data/users.db); null for any other URL. */
    public static Path fileOf(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:sqlite:") ? Dialect.file(jdbcUrl) : null;
    }

    /** Writes the backup to target, which must not exist yet and whose directory must. */
    public Copy writeTo(Path target) throws Failed {
        Path absolute;
        try {
            absolute = target.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new Failed("'" + target + "' is not a usable file name: " + Dialect.oneLine(e));
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new Failed(target + " already exists: a backup never overwrites a file; name a new one");
        }
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new Failed("there is no directory " + directory + " for " + target + ": create it first");
        }
        if (!Files.isRegularFile(database)) {
            throw new Failed("there is no database at " + database.toAbsolutePath()
                    + ": set DATABASE_URL to the server's database");
        }
        SqliteNativeLibrary.useCopyUnder(database.toAbsolutePath().getParent().resolve(".sqlite-native"));
        Path partial = directory.resolve("." + absolute.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            copyInto(partial);
            beforeCheck.run(partial);
            List<String> problems = integrityProblems(partial);
            if (!problems.equals(List.of("ok"))) {
                throw new Failed("the copy failed PRAGMA integrity_check (" + String.join("; ", problems)
                        + "); nothing was kept: check the database itself with sqlite3 " + database
                        + " 'PRAGMA integrity_check'");
            }
            long users = countUsers(partial);
            Files.move(partial, absolute); // no REPLACE_EXISTING: a file that appeared meanwhile is kept
            return new Copy(target, users, Files.size(absolute));
        } catch (FileAlreadyExistsException e) {
            throw new Failed(target + " already exists: a backup never overwrites a file; name a new one");
        } catch (IOException e) {
            throw new Failed("cannot write " + target + ": " + Dialect.oneLine(e));
        } catch (SQLException e) {
            throw new Failed("cannot copy " + database + ": " + Dialect.oneLine(e));
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // left behind under its hidden temporary name; the one line already says what went wrong
            }
        }
    }

    /**
     * VACUUM INTO on a read-only connection, the file name a bound parameter (no quoting to get wrong). Its output
     * is written with the connection's synchronous setting: FULL, so the copy is on disk when it returns.
     */
    private void copyInto(Path partial) throws SQLException, Failed {
        try (Connection source = connect(database)) {
            if (!hasUsersTable(source)) {
                throw new Failed(database + " is not a userapi database (it has no users table)");
            }
            try (PreparedStatement vacuum = source.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, partial.toString());
                vacuum.execute();
            }
        }
    }

    /** Every row PRAGMA integrity_check answers: exactly "ok" for a sound database. */
    static List<String> integrityProblems(Path file) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection copy = connect(file); Statement statement = copy.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static long countUsers(Path file) throws SQLException {
        try (Connection copy = connect(file); Statement statement = copy.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM users")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static boolean hasUsersTable(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'");
             ResultSet result = statement.executeQuery()) {
            return result.next();
        }
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true); // the backup never writes to the file it copies
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }
}
