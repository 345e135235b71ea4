package userapi.jdbc;

import userapi.account.AccountStore;
import userapi.account.Mail;
import userapi.account.MailOutbox;
import userapi.account.OneTimeToken;
import userapi.account.QueuedMail;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Account recovery's tokens, verified addresses and mail outbox in the users' SQL database (tables account_tokens,
 * verified_emails and mail_outbox, schema V5), run by the {@link Database} shared with JdbcUserRepository. Every
 * method but issue is one statement in auto-commit; issue is one transaction that holds the user's row lock from
 * its first statement, so two issues for one user run one after the other. The SQL is the same on SQLite and
 * PostgreSQL but for claiming due mails, where PostgreSQL skips the rows another instance is claiming. Any database
 * failure is StorageUnavailable. The database is the users' repository's to close.
 */
public final class JdbcAccountStore implements AccountStore, MailOutbox {
    /**
     * A write that changes nothing, to hold the user's row until commit (PostgreSQL's row lock; on SQLite the
     * file's write lock): a second issue for the user waits here, and reads the first one's token once it goes on.
     * It sets no key the foreign keys reference and fires no trigger (V2's are on INSERT and DELETE), and the
     * version stays, so no ETag changes. No row: the user is gone.
     */
    private static final String LOCK_USER = "UPDATE users SET version = version WHERE id = ?";
    private static final String COUNT_RECENT =
            "SELECT COUNT(*) FROM account_tokens WHERE user_id = ? AND purpose = ? AND created_at_ms > ?";
    private static final String END_UNUSED =
            "UPDATE account_tokens SET used_at_ms = ? WHERE user_id = ? AND purpose = ? AND used_at_ms IS NULL";
    private static final String INSERT_TOKEN = "INSERT INTO account_tokens (token_hash, user_id, purpose, email, "
            + "created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String FIND_VALID = "SELECT user_id, email, created_at_ms, expires_at_ms FROM account_tokens "
            + "WHERE token_hash = ? AND purpose = ? AND used_at_ms IS NULL AND expires_at_ms > ?";
    /** Checks and uses in one statement: of two at once, the second finds used_at_ms set (PostgreSQL re-checks). */
    private static final String USE = "UPDATE account_tokens SET used_at_ms = ? WHERE token_hash = ? AND purpose = ? "
            + "AND used_at_ms IS NULL AND expires_at_ms > ? RETURNING user_id, email, created_at_ms, expires_at_ms";
    private static final String DELETE_SPENT = "DELETE FROM account_tokens WHERE created_at_ms < ? "
            + "AND (used_at_ms IS NOT NULL OR expires_at_ms <= ?)";
    /** Through the users table: a user deleted meanwhile gets no row (rather than a foreign key's refusal). */
    private static final String MARK_VERIFIED = "INSERT INTO verified_emails (user_id, email) SELECT id, ? FROM users "
            + "WHERE id = ? ON CONFLICT (user_id) DO UPDATE SET email = excluded.email";
    private static final String IS_VERIFIED = "SELECT 1 FROM verified_emails WHERE user_id = ? AND email = ?";

    private static final String ENQUEUE = "INSERT INTO mail_outbox (id, recipient, subject, body, attempts, "
            + "queued_at_ms, next_attempt_ms) VALUES (?, ?, ?, ?, 0, ?, ?)";
    private static final String CLAIM = "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_ms = ? "
            + "WHERE id IN (SELECT id FROM mail_outbox WHERE next_attempt_ms <= ? ORDER BY queued_at_ms, id LIMIT ?%s) "
            + "RETURNING id, recipient, subject, body, attempts, queued_at_ms";
    /** Rows another instance's claim has locked are passed over, not waited for and then claimed a second time. */
    private static final String CLAIM_POSTGRESQL = CLAIM.formatted(" FOR UPDATE SKIP LOCKED");
    /** SQLite has one writer at a time: the statement runs whole under the file's write lock. */
    private static final String CLAIM_SQLITE = CLAIM.formatted("");
    private static final String RETRY_AT = "UPDATE mail_outbox SET next_attempt_ms = ? WHERE id = ?";
    private static final String REMOVE = "DELETE FROM mail_outbox WHERE id = ?";
    private static final String SIZE = "SELECT COUNT(*) FROM mail_outbox";

    private final Database database;
    private final String claim;

    public JdbcAccountStore(Database database) {
        this.database = database;
        this.claim = database.isSqlite() ? CLAIM_SQLITE : CLAIM_POSTGRESQL;
    }

    /**
     * Locks the user, counts, ends, stores and queues, in this order in one transaction. A failure of any statement
     * rolls back the ones before it: StorageUnavailable, nothing stored, nothing queued.
     */
    @Override
    public boolean issue(OneTimeToken token, Mail mail, int maxPerWindow) {
        return database.inTransaction(statements -> {
            PreparedStatement lock = statements.prepared(LOCK_USER);
            lock.setObject(1, token.userId());
            if (lock.executeUpdate() == 0) {
                return false;
            }
            PreparedStatement count = statements.prepared(COUNT_RECENT);
            count.setObject(1, token.userId());
            count.setString(2, token.purpose().label());
            count.setLong(3, token.createdAt().minus(BRAKE_WINDOW).toEpochMilli());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                if (rows.getLong(1) >= maxPerWindow) {
                    return false;
                }
            }
            PreparedStatement end = statements.prepared(END_UNUSED);
            end.setLong(1, token.createdAt().toEpochMilli());
            end.setObject(2, token.userId());
            end.setString(3, token.purpose().label());
            end.executeUpdate();
            PreparedStatement insert = statements.prepared(INSERT_TOKEN);
            insert.setString(1, token.hash());
            insert.setObject(2, token.userId());
            insert.setString(3, token.purpose().label());
            insert.setString(4, token.email());
            insert.setLong(5, token.createdAt().toEpochMilli());
            insert.setLong(6, token.expiresAt().toEpochMilli());
            insert.executeUpdate();
            enqueue(statements.prepared(ENQUEUE), mail, token.createdAt());
            return true;
        });
    }

    @Override
    public Optional<OneTimeToken> findValid(String hash, OneTimeToken.Purpose purpose, Instant now) {
        return database.run(FIND_VALID, find -> {
            find.setString(1, hash);
            find.setString(2, purpose.label());
            find.setLong(3, now.toEpochMilli());
            try (ResultSet rows = find.executeQuery()) {
                return rows.next() ? Optional.of(token(hash, purpose, rows)) : Optional.empty();
            }
        });
    }

    @Override
    public Optional<OneTimeToken> use(String hash, OneTimeToken.Purpose purpose, Instant now) {
        return database.run(USE, use -> {
            use.setLong(1, now.toEpochMilli());
            use.setString(2, hash);
            use.setString(3, purpose.label());
            use.setLong(4, now.toEpochMilli());
            try (ResultSet rows = use.executeQuery()) {
                return rows.next() ? Optional.of(token(hash, purpose, rows)) : Optional.empty();
            }
        });
    }

    /** An upsert on the user's one row; a user deleted meanwhile gets none, and no failure. */
    @Override
    public void markVerified(UUID userId, String email) {
        database.run(MARK_VERIFIED, mark -> {
            mark.setString(1, email);
            mark.setObject(2, userId);
            return mark.executeUpdate();
        });
    }

    @Override
    public boolean isVerified(UUID userId, String email) {
        return database.run(IS_VERIFIED, verified -> {
            verified.setObject(1, userId);
            verified.setString(2, email);
            try (ResultSet rows = verified.executeQuery()) {
                return rows.next();
            }
        });
    }

    @Override
    public int deleteSpent(Instant now) {
        return database.run(DELETE_SPENT, delete -> {
            delete.setLong(1, now.minus(BRAKE_WINDOW).toEpochMilli());
            delete.setLong(2, now.toEpochMilli());
            return delete.executeUpdate();
        });
    }

    @Override
    public void enqueue(Mail mail, Instant now) {
        database.run(ENQUEUE, insert -> enqueue(insert, mail, now));
    }

    /** A new row, due at now; the id is ours, random, as the users' ids are. */
    private static int enqueue(PreparedStatement insert, Mail mail, Instant now) throws SQLException {
        insert.setObject(1, UUID.randomUUID());
        insert.setString(2, mail.to());
        insert.setString(3, mail.subject());
        insert.setString(4, mail.text());
        insert.setLong(5, now.toEpochMilli());
        insert.setLong(6, now.toEpochMilli());
        return insert.executeUpdate();
    }

    /** One UPDATE picks, leases and reads the mails; RETURNING has no order of its own, so they are sorted here. */
    @Override
    public List<QueuedMail> claimDue(Instant now, int max, Instant leaseUntil) {
        List<QueuedMail> claimed = database.run(claim, update -> {
            update.setLong(1, leaseUntil.toEpochMilli());
            update.setLong(2, now.toEpochMilli());
            update.setInt(3, max);
            List<QueuedMail> mails = new ArrayList<>();
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    mails.add(new QueuedMail(UUID.fromString(rows.getString(1)),
                            new Mail(rows.getString(2), rows.getString(3), rows.getString(4)), rows.getInt(5),
                            Instant.ofEpochMilli(rows.getLong(6))));
                }
            }
            return mails;
        });
        claimed.sort(Comparator.comparing(QueuedMail::queuedAt));
        return claimed;
    }

    @Override
    public void delivered(UUID id) {
        remove(id);
    }

    @Override
    public void retryAt(UUID id, Instant next) {
        database.run(RETRY_AT, update -> {
            update.setLong(1, next.toEpochMilli());
            update.setObject(2, id);
            return update.executeUpdate();
        });
    }

    @Override
    public void drop(UUID id) {
        remove(id);
    }

    private void remove(UUID id) {
        database.run(REMOVE, delete -> {
            delete.setObject(1, id);
            return delete.executeUpdate();
        });
    }

    @Override
    public long size() {
        return database.run(SIZE, count -> {
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** The token of this hash and purpose from a row of user_id, email, created_at_ms, expires_at_ms. */
    private static OneTimeToken token(String hash, OneTimeToken.Purpose purpose, ResultSet row) throws SQLException {
        return new OneTimeToken(hash, UUID.fromString(row.getString(1)), purpose, row.getString(2),
                Instant.ofEpochMilli(row.getLong(3)), Instant.ofEpochMilli(row.getLong(4)));
    }
}
