package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import userapi.audit.AuditEvent;
import userapi.audit.AuditEventType;
import userapi.audit.AuditStore;
import userapi.audit.AuditedUserService;
import userapi.audit.StoredAuditLog;
import userapi.exception.EmailAlreadyRegistered;
import userapi.exception.StorageUnavailable;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;
import userapi.repository.UserRepository;
import userapi.service.DefaultUserService;
import userapi.service.FakePasswordHasher;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What "in the same transaction" means, on each SQL database: a change and its audit row are committed together,
 * or, when either fails (the audit insert refused by the database itself, an exception of the work, a failure the
 * work swallowed), neither is. One subclass per database.
 */
abstract class UnitOfWorkContract {
    private static final Instant T0 = Instant.parse("2026-05-06T07:08:09Z");

    protected JdbcUserRepository jdbc;
    /** The repository the services use: the JDBC one, or the read cache around it. */
    protected UserRepository users;
    private Database database;
    private JdbcAuditStore audit;

    /** The JDBC repository of a new, empty database. */
    protected abstract JdbcUserRepository openEmpty() throws Exception;

    /** The repository the services read and write through (SQLite: with its read cache). */
    protected UserRepository around(JdbcUserRepository jdbc) {
        return jdbc;
    }

    protected void dispose() throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        jdbc = openEmpty();
        database = jdbc.database();
        users = around(jdbc);
        audit = new JdbcAuditStore(database);
    }

    @AfterEach
    void close() throws Exception {
        assertEquals(0, database.connectionsInUse(), "a unit of work kept its connection");
        users.close();
        dispose();
    }

    private static User user(String email) {
        return new User(UUID.randomUUID(), "Ada", email, "hash", Role.USER, T0);
    }

    private static AuditEvent eventAbout(UUID userId, UUID id) {
        return new AuditEvent(id, AuditEventType.USER_CREATED, T0, userId, null, null, null);
    }

    private DefaultUserService lecture() {
        return new DefaultUserService(users, new FakePasswordHasher(), Set.of(), Clock.systemUTC(), UUID::randomUUID);
    }

    @Test
    void a_change_and_its_audit_row_are_committed_together() {
        User ada = user("ada@example.com");

        database.inUnitOfWork(() -> {
            users.insert(ada);
            audit.append(eventAbout(ada.id(), UUID.randomUUID()));
            return null;
        });

        assertTrue(users.findById(ada.id()).isPresent());
        assertEquals(List.of(ada.id()), audit.page(null, null, null, 10).stream().map(AuditEvent::userId).toList());
    }

    @Test
    void an_audit_insert_the_database_refuses_rolls_the_change_back() {
        UUID taken = UUID.randomUUID();
        audit.append(eventAbout(null, taken));
        User ada = user("ada@example.com");

        assertThrows(StorageUnavailable.class, () -> database.inUnitOfWork(() -> {
            users.insert(ada);
            audit.append(eventAbout(ada.id(), taken)); // the primary key refuses it
            return null;
        }));

        assertTrue(users.findById(ada.id()).isEmpty(), "the user's insert was committed without its audit row");
        assertTrue(jdbc.findById(ada.id()).isEmpty());
    }

    @Test
    void an_exception_of_the_work_rolls_back_what_it_wrote() {
        User ada = user("ada@example.com");

        assertThrows(IllegalStateException.class, () -> database.inUnitOfWork(() -> {
            users.insert(ada);
            audit.append(eventAbout(ada.id(), UUID.randomUUID()));
            throw new IllegalStateException("changed its mind");
        }));

        assertTrue(users.findById(ada.id()).isEmpty());
        assertEquals(List.of(), audit.page(null, null, null, 10));
    }

    @Test
    void a_failure_the_work_swallows_still_rolls_everything_back_and_is_reported() {
        User ada = user("ada@example.com");
        UUID taken = UUID.randomUUID();
        audit.append(eventAbout(null, taken));

        assertThrows(StorageUnavailable.class, () -> database.inUnitOfWork(() -> {
            users.insert(ada);
            try {
                audit.append(eventAbout(ada.id(), taken));
            } catch (StorageUnavailable swallowed) {
                // a caller that logs and goes on, as a mail that cannot be queued is
            }
            return null;
        }));

        assertTrue(users.findById(ada.id()).isEmpty());
    }

    @Test
    void a_unit_inside_a_unit_joins_it_and_rolls_back_with_it() {
        User ada = user("ada@example.com");
        User bob = user("bob@example.com");

        assertThrows(IllegalStateException.class, () -> database.inUnitOfWork(() -> {
            users.insert(ada);
            database.inUnitOfWork(() -> {
                users.insert(bob);
                return null;
            });
            throw new IllegalStateException("after the inner unit ended");
        }));

        assertTrue(users.findById(ada.id()).isEmpty());
        assertTrue(users.findById(bob.id()).isEmpty(), "the inner unit committed on its own");
    }

    @Test
    void a_transaction_of_a_store_inside_a_unit_joins_it() {
        User ada = user("ada@example.com");
        users.insert(ada);
        JdbcAccountStore accounts = new JdbcAccountStore(database);

        assertThrows(IllegalStateException.class, () -> database.inUnitOfWork(() -> {
            accounts.issue(new userapi.account.OneTimeToken("h".repeat(64), ada.id(),
                    userapi.account.OneTimeToken.Purpose.PASSWORD_RESET, ada.email(), T0, T0.plusSeconds(60)),
                    new userapi.account.Mail(ada.email(), "subject", "text"), 3);
            throw new IllegalStateException("rolled back");
        }));

        assertEquals(0, accounts.size(), "the issue's mail was committed on its own");
    }

    @Test
    void reads_before_the_first_write_hold_no_connection_and_the_unit_holds_one_from_it() {
        User ada = user("ada@example.com");
        AtomicInteger beforeWrite = new AtomicInteger(-1);
        AtomicInteger afterWrite = new AtomicInteger(-1);

        database.inUnitOfWork(() -> {
            users.existsByEmail(ada.email());
            beforeWrite.set(database.connectionsInUse()); // e.g. while a password is hashed
            users.insert(ada);
            users.findById(ada.id());
            afterWrite.set(database.connectionsInUse());
            return null;
        });

        assertEquals(0, beforeWrite.get());
        assertEquals(1, afterWrite.get());
    }

    @Test
    void the_unit_reads_its_own_writes_and_no_one_else_sees_them_before_the_commit() throws Exception {
        User ada = user("ada@example.com");

        database.inUnitOfWork(() -> {
            users.insert(ada);
            users.update(ada.id(), new userapi.model.UserChanges("Ada King", null, null), java.util.OptionalLong.empty());
            assertEquals("Ada King", users.findById(ada.id()).orElseThrow().name());
            boolean seenOutside = CompletableFuture.supplyAsync(() -> users.findById(ada.id()).isPresent()).join();
            assertTrue(!seenOutside, "another thread saw an uncommitted write");
            return null;
        });

        assertEquals("Ada King", users.findById(ada.id()).orElseThrow().name());
    }

    @Test
    void a_read_cached_inside_a_unit_that_rolled_back_is_never_answered() {
        User ada = user("ada@example.com");
        users.insert(ada);
        users.findById(ada.id()); // cached as committed

        assertThrows(IllegalStateException.class, () -> database.inUnitOfWork(() -> {
            users.update(ada.id(), new userapi.model.UserChanges("Never", null, null), java.util.OptionalLong.empty());
            assertEquals("Never", users.findById(ada.id()).orElseThrow().name());
            throw new IllegalStateException("rolled back");
        }));

        assertEquals("Ada", users.findById(ada.id()).orElseThrow().name());
    }

    @Test
    void a_user_service_change_whose_audit_row_fails_is_rolled_back_and_one_whose_row_is_written_is_not() {
        AuditStore failing = new AuditStore() {
            @Override
            public void append(AuditEvent event) {
                audit.append(event);
                throw new StorageUnavailable(new java.sql.SQLException("the audit insert failed"));
            }

            @Override
            public List<AuditEvent> page(UUID userId, AuditEventType type, AuditStore.Position after, int limit) {
                return audit.page(userId, type, after, limit);
            }

            @Override
            public int deleteOlderThan(Instant cutoff) {
                return audit.deleteOlderThan(cutoff);
            }
        };
        AuditedUserService refusing = new AuditedUserService(lecture(), new StoredAuditLog(failing, Clock.systemUTC()),
                database::inUnitOfWork);
        AuditedUserService audited = new AuditedUserService(lecture(), new StoredAuditLog(audit, Clock.systemUTC()),
                database::inUnitOfWork);
        User bob = audited.create(new UserCreateRequest("Bob", "bob@example.com", "correct horse"));

        assertThrows(StorageUnavailable.class,
                () -> refusing.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse")));
        assertThrows(StorageUnavailable.class, () -> refusing.update(bob.id(),
                new UserUpdateRequest(null, "robert@example.com", "new horse battery", null)));
        assertThrows(StorageUnavailable.class, () -> refusing.delete(bob.id()));

        assertTrue(users.findByEmail("ada@example.com").isEmpty(), "created without its audit row");
        User still = users.findById(bob.id()).orElseThrow(() -> new AssertionError("deleted without its audit row"));
        assertEquals("bob@example.com", still.email(), "changed without its audit row");
        assertEquals(FakePasswordHasher.PREFIX + "correct horse", still.passwordHash());
        assertEquals(List.of(AuditEventType.USER_CREATED),
                audit.page(null, null, null, 10).stream().map(AuditEvent::type).toList());
        assertEquals(List.of(bob.id()), audit.page(null, null, null, 10).stream().map(AuditEvent::userId).toList());
    }

    @Test
    void a_duplicate_email_inside_a_unit_is_still_the_clients_409_and_the_unit_writes_nothing() {
        users.insert(user("ada@example.com"));
        User first = user("bob@example.com");

        assertThrows(EmailAlreadyRegistered.class, () -> database.inUnitOfWork(() -> {
            users.insert(first);
            users.insert(user("ada@example.com")); // the unique constraint refuses it inside the transaction
            audit.append(eventAbout(first.id(), UUID.randomUUID()));
            return null;
        }));

        assertTrue(users.findById(first.id()).isEmpty());
        assertEquals(List.of(), audit.page(null, null, null, 10));
    }
}
