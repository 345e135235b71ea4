package userapi.production;


import userapi.account.DisabledAccounts;
import userapi.audit.AuditEvent;
import userapi.audit.AuditEventType;
import userapi.exception.StorageUnavailable;
import userapi.jdbc.JdbcAccountStore;
import userapi.jdbc.JdbcAuditStore;
import userapi.jdbc.JdbcDisabledAccounts;
import userapi.model.Role;
import userapi.model.User;
import userapi.jdbc.Database;
import userapi.jdbc.JdbcUserRepository;
import userapi.jdbc.SqliteBackup;
import userapi.service.EmailAddresses;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code java -jar user-api.jar promote EMAIL} and {@code demote EMAIL}: the only way to make or unmake an admin,
 * each change written to the audit trail (role.changed) in its own transaction;
 * {@code verify EMAIL}: marks the user's address as verified without a mail (users who signed up before addresses
 * were verified, or an address the operator has checked otherwise). Run against the DATABASE_URL the server uses,
 * while it runs or not (a role is read from the database on every request). Exit 0 with one line saying what changed; 1 when there is no such user or the database cannot be
 * used, or when demote would leave no admin who is not disabled; 2 on bad usage, a bad setting, or DATABASE_URL=memory, which no other process can reach.
 * {@code backup FILE}: a checked copy of the SQLite database while the server runs ({@link SqliteBackup}); 1 if FILE
 * exists, its directory does not, or the copy fails; 2 on PostgreSQL, whose own tool is pg_dump.
 */
public final class AdminCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** The request id of the audit rows this command writes: it has no request. */
    public static final String CLI_REQUEST_ID = "cli";
    static final String USAGE_LINE = "usage: java -jar user-api.jar [promote EMAIL | demote EMAIL | verify EMAIL | backup FILE]"
            + "  (no arguments: start the server)";

    private AdminCommand() {
    }

    /** Runs the command the arguments name; returns the process's exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length != 2 || !(args[0].equals("promote") || args[0].equals("demote") || args[0].equals("verify")
                || args[0].equals("backup"))
                || args[1].isBlank()) {
            err.println(USAGE_LINE);
            return USAGE;
        }
        Config config;
        try {
            config = Config.fromEnvironment(env);
        } catch (Config.Invalid e) {
            err.println("userapi: " + e.getMessage());
            return USAGE;
        }
        if (config.databaseUrl().equals(Config.MEMORY)) {
            err.println("userapi: DATABASE_URL=memory keeps users inside the server's own process, which this command "
                    + "cannot reach: set DATABASE_URL to the server's database");
            return USAGE;
        }
        if (args[0].equals("backup")) {
            return backup(config.databaseUrl(), args[1], out, err);
        }
        String email = EmailAddresses.canonical(args[1].strip());
        try (JdbcUserRepository users = JdbcUserRepository.open(config.databaseUrl(), config.databasePassword(), 1,
                ProductionApp.DATABASE_TIMEOUT)) { // one connection is all one command needs
            Optional<User> user = users.findByEmail(email);
            if (user.isEmpty()) {
                err.println("userapi: no user has the e-mail " + email);
                return FAILED;
            }
            if (args[0].equals("verify")) {
                return verify(user.get(), new JdbcAccountStore(users.database()), out);
            }
            Role role = args[0].equals("promote") ? Role.ADMIN : Role.USER;
            Role was = user.get().role();
            if (was == role) {
                out.println(email + " is already " + role.label() + ": nothing changed");
            } else if (role == Role.USER) {
                return demote(user.get(), users.database(), new JdbcDisabledAccounts(users.database()), out, err);
            } else if (withRoleChangedRow(users.database(), user.get().id(), () -> users.setRole(user.get().id(), role),
                    Boolean::booleanValue)) {
                out.println(email + " is now " + role.label() + " (was " + was.label() + ")");
            } else {
                err.println("userapi: no user has the e-mail " + email + " (deleted just now)");
                return FAILED;
            }
            return OK;
        } catch (Database.CannotOpen e) {
            err.println("userapi: cannot open the database: " + e.getMessage());
            return FAILED;
        } catch (StorageUnavailable e) {
            err.println("userapi: the database of DATABASE_URL cannot be reached; nothing was changed");
            return FAILED;
        }
    }

    /** Only parses and prints: the copy and its check are SqliteBackup's. */
    private static int backup(String databaseUrl, String file, PrintStream out, PrintStream err) {
        Path database = SqliteBackup.fileOf(databaseUrl);
        if (database == null) {
            err.println("userapi: backup copies a SQLite file; for PostgreSQL use its own tool: pg_dump -Fc -f FILE DATABASE");
            return USAGE;
        }
        Path target;
        try {
            target = Path.of(file);
        } catch (InvalidPathException e) {
            err.println(USAGE_LINE);
            return USAGE;
        }
        try {
            SqliteBackup.Copy copy = new SqliteBackup(database).writeTo(target);
            out.println("backed up " + database + " to " + copy.file() + ": " + copy.users() + " users, "
                    + copy.bytes() + " bytes, integrity_check ok");
            return OK;
        } catch (SqliteBackup.Failed e) {
            err.println("userapi: " + e.getMessage());
            return FAILED;
        }
    }

    /** Under the last-admin lock: the last admin who is not disabled stays an admin. */
    private static int demote(User user, Database database, JdbcDisabledAccounts accounts, PrintStream out,
                              PrintStream err) {
        switch (withRoleChangedRow(database, user.id(), () -> accounts.demote(user.id()),
                DisabledAccounts.Outcome.CHANGED::equals)) {
            case CHANGED -> out.println(user.email() + " is now user (was admin)");
            case UNCHANGED -> out.println(user.email() + " is already user: nothing changed");
            case LAST_ADMIN -> {
                err.println("userapi: " + user.email() + " is the last admin who is not disabled: promote another "
                        + "admin first; nothing changed");
                return FAILED;
            }
            case NO_SUCH_USER -> {
                err.println("userapi: no user has the e-mail " + user.email() + " (deleted just now)");
                return FAILED;
            }
        }
        return OK;
    }

    /**
     * Runs the change of role and, if it changed anything, writes its role.changed row, as one unit of work: both
     * are committed or neither is. No one is signed in here: no actor, no client address; "cli" stands in for the
     * request id.
     */
    private static <T> T withRoleChangedRow(Database database, UUID userId, Supplier<T> change, Predicate<T> changed) {
        return database.inUnitOfWork(() -> {
            T outcome = change.get();
            if (changed.test(outcome)) {
                new JdbcAuditStore(database).append(new AuditEvent(UUID.randomUUID(), AuditEventType.ROLE_CHANGED,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS), userId, null, null, CLI_REQUEST_ID));
            }
            return outcome;
        });
    }

    private static int verify(User user, JdbcAccountStore accounts, PrintStream out) {
        if (accounts.isVerified(user.id(), user.email())) {
            out.println(user.email() + " is already verified: nothing changed");
        } else {
            accounts.markVerified(user.id(), user.email());
            out.println(user.email() + " is now verified");
        }
        return OK;
    }
}
