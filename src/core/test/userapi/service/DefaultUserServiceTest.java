package userapi.service;

import org.junit.jupiter.api.Test;
import userapi.exception.EmailAlreadyRegistered;
import userapi.auth.CurrentPasswordIncorrect;
import userapi.exception.EmailDomainNotAllowed;
import userapi.auth.Forbidden;
import userapi.exception.StaleVersion;
import userapi.exception.UserNotFound;
import userapi.exception.ValidationFailed;
import userapi.auth.Caller;
import userapi.model.Page;
import userapi.model.Role;
import userapi.auth.StoredToken;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;
import userapi.auth.InMemoryTokenRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of DefaultUserService with a recording in-memory repository, a fake hasher, a fixed clock and fixed ids. */
class DefaultUserServiceTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30.123456789Z");
    private static final UUID FIRST_ID = new UUID(0, 1);
    private static final UUID SECOND_ID = new UUID(0, 2);
    private static final long WAIT_SECONDS = 20;

    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final AtomicLong nextId = new AtomicLong();
    private final Supplier<UUID> ids = () -> new UUID(0, nextId.incrementAndGet());
    /** The tests of the rules of users act as an admin on another account: no current password, no 403. */
    private static final Caller ADMIN = new Caller(new UUID(9, 9), Role.ADMIN, "admin-token-hash");

    private final RecordingUserRepository repository = new RecordingUserRepository();
    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository();
    private final DefaultUserService service = new DefaultUserService(repository, tokens, hasher,
            Set.of("mailinator.com", "YopMail.COM"), Clock.fixed(NOW, ZoneOffset.UTC), ids);

    // --- create -------------------------------------------------------------------------------------------

    @Test
    void create_normalises_the_email_and_sets_id_hash_and_time_from_its_collaborators() {
        User user = service.create(new UserCreateRequest("Ada", "Ada.Lovelace@Example.COM", "correct horse"));

        assertEquals(new User(FIRST_ID, "Ada", "ada.lovelace@example.com", "hashed:correct horse", Role.USER,
                Instant.parse("2024-05-01T10:15:30.123Z")), user);
        assertEquals(Optional.of(user), repository.findById(FIRST_ID));
    }

    @Test
    void create_stores_the_hash_never_the_password() {
        service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        User stored = repository.findById(FIRST_ID).orElseThrow();
        assertEquals("hashed:correct horse", stored.passwordHash());
        assertEquals(List.of("correct horse"), hasher.hashed);
        assertFalse(List.of(stored.name(), stored.email(), stored.passwordHash()).contains("correct horse"));
    }

    @Test
    void create_gives_each_user_the_next_id() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        User bob = service.create(new UserCreateRequest("Bob", "bob@example.com", "battery staple"));

        assertEquals(FIRST_ID, ada.id());
        assertEquals(SECOND_ID, bob.id());
    }

    @Test
    void create_rejects_a_blocked_domain_without_hashing_or_storing() {
        assertThrows(EmailDomainNotAllowed.class,
                () -> service.create(new UserCreateRequest("Eve", "eve@mailinator.com", "correct horse")));

        assertEquals(List.of(), hasher.hashed);
        assertEquals(0, repository.list(10, 0).total());
    }

    @Test
    void create_rejects_a_subdomain_of_a_blocked_domain() {
        assertThrows(EmailDomainNotAllowed.class,
                () -> service.create(new UserCreateRequest("Eve", "eve@eu.mailinator.com", "correct horse")));
        assertThrows(EmailDomainNotAllowed.class,
                () -> service.create(new UserCreateRequest("Eve", "eve@a.b.mailinator.com", "correct horse")));
    }

    @Test
    void create_rejects_a_blocked_domain_whatever_its_case() {
        assertThrows(EmailDomainNotAllowed.class,
                () -> service.create(new UserCreateRequest("Eve", "eve@MailInator.COM", "correct horse")));
        assertThrows(EmailDomainNotAllowed.class, // blocked as "YopMail.COM" in the configuration
                () -> service.create(new UserCreateRequest("Eve", "eve@yopmail.com", "correct horse")));
    }

    @Test
    void create_names_the_blocked_domain() {
        EmailDomainNotAllowed blocked = assertThrows(EmailDomainNotAllowed.class,
                () -> service.create(new UserCreateRequest("Eve", "eve@EU.mailinator.com", "correct horse")));

        assertTrue(blocked.getMessage().contains("eu.mailinator.com"), blocked.getMessage());
    }

    @Test
    void create_accepts_a_domain_that_merely_ends_with_the_same_letters() {
        User user = service.create(new UserCreateRequest("Ned", "ned@notmailinator.com", "correct horse"));

        assertEquals("ned@notmailinator.com", user.email());
    }

    @Test
    void create_accepts_a_blocked_name_in_the_local_part_or_as_a_prefix_of_the_domain() {
        service.create(new UserCreateRequest("Ned", "mailinator.com@example.com", "correct horse"));
        service.create(new UserCreateRequest("Ned", "ned@mailinator.com.example.org", "correct horse"));

        assertEquals(2, repository.list(10, 0).total());
    }

    // Every address below passes @Email (see UserCreateRequestTest): IDNA maps these dots to '.', drops the
    // zero-width space, so mail to them goes to mailinator.com.

    @Test
    void create_rejects_a_blocked_domain_written_with_unicode_full_stops() {
        for (String email : List.of("eve@mailinator\u3002com", "eve@mailinator\uFF0Ecom", "eve@eu\uFF61mailinator.com")) {
            assertThrows(EmailDomainNotAllowed.class,
                    () -> service.create(new UserCreateRequest("Eve", email, "correct horse")), email);
        }
        assertEquals(0, repository.list(10, 0).total());
    }

    @Test
    void create_rejects_a_blocked_domain_hidden_by_an_ignorable_character() {
        assertThrows(EmailDomainNotAllowed.class,
                () -> service.create(new UserCreateRequest("Eve", "eve@mailinator.com\u200B", "correct horse")));
    }

    @Test
    void create_rejects_a_blocked_domain_with_a_final_root_dot() {
        assertThrows(EmailDomainNotAllowed.class,
                () -> service.create(new UserCreateRequest("Eve", "eve@mailinator.com\u3002", "correct horse")));
    }

    @Test
    void create_treats_two_spellings_of_one_domain_as_one_email() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example\uFF0Ecom", "correct horse"));

        assertEquals("ada@example.com", ada.email());
        assertThrows(EmailAlreadyRegistered.class,
                () -> service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse")));
    }

    @Test
    void create_keeps_an_internationalised_domain_readable_and_unique() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@EX\u00C4MPLE.com", "correct horse"));

        assertEquals("ada@ex\u00e4mple.com", ada.email());
        assertThrows(EmailAlreadyRegistered.class, // the same domain in its ASCII (punycode) form
                () -> service.create(new UserCreateRequest("Ada", "ada@xn--exmple-cua.com", "correct horse")));
    }

    @Test
    void create_keeps_an_address_literal_as_it_is() {
        assertEquals("ada@[192.0.2.1]", service.create(new UserCreateRequest("Ada", "ada@[192.0.2.1]", "correct horse")).email());
    }

    @Test
    void create_keeps_a_domain_that_idna_refuses_as_it_is() { // @Email refuses it first; the service must not throw
        assertEquals("ada@a..b", service.create(new UserCreateRequest("Ada", "ada@a..b", "correct horse")).email());
    }

    @Test
    void update_applies_the_domain_rule_to_unicode_full_stops_too() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        assertThrows(EmailDomainNotAllowed.class,
                () -> service.update(ADMIN, ada.id(), new UserUpdateRequest(null, "ada@mailinator\u3002com", null)));
        assertEquals(Optional.of(ada), repository.findById(ada.id()));
    }

    @Test
    void create_rejects_a_duplicate_email_ignoring_case_without_hashing() {
        service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        hasher.hashed.clear();

        assertThrows(EmailAlreadyRegistered.class,
                () -> service.create(new UserCreateRequest("Ada 2", "ADA@Example.com", "battery staple")));

        assertEquals(List.of(), hasher.hashed);
        assertEquals(1, repository.list(10, 0).total());
    }

    @Test
    void create_still_fails_cleanly_when_another_request_takes_the_email_while_hashing() {
        hasher.beforeHash = () -> repository.insert(new User(new UUID(1, 1), "Racer", "ada@example.com", "hashed:x", Role.USER, NOW));

        assertThrows(EmailAlreadyRegistered.class,
                () -> service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse")));

        assertEquals(Optional.empty(), repository.findById(FIRST_ID));
    }

    // --- get, list, delete --------------------------------------------------------------------------------

    @Test
    void get_returns_a_stored_user() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        assertEquals(ada, service.get(ADMIN, ada.id()));
    }

    @Test
    void get_of_an_unknown_id_is_user_not_found() {
        assertThrows(UserNotFound.class, () -> service.get(ADMIN, FIRST_ID));
    }

    @Test
    void list_passes_limit_and_offset_to_the_repository() {
        service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        service.create(new UserCreateRequest("Bob", "bob@example.com", "correct horse"));
        service.create(new UserCreateRequest("Cy", "cy@example.com", "correct horse"));
        repository.listCalls.clear();

        Page<User> page = service.list(ADMIN, 1, 2);

        assertEquals(List.of("limit=1 offset=2"), repository.listCalls);
        assertEquals(List.of("cy@example.com"), page.items().stream().map(User::email).toList());
        assertEquals(3, page.total());
    }

    @Test
    void delete_removes_the_user() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        service.delete(ADMIN, ada.id());

        assertEquals(Optional.empty(), repository.findById(ada.id()));
        assertThrows(UserNotFound.class, () -> service.get(ADMIN, ada.id()));
    }

    @Test
    void delete_of_an_unknown_id_is_user_not_found() {
        assertThrows(UserNotFound.class, () -> service.delete(ADMIN, FIRST_ID));
    }

    // --- update -------------------------------------------------------------------------------------------

    @Test
    void update_changes_only_the_fields_present() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        hasher.hashed.clear();

        User updated = service.update(ADMIN, ada.id(), new UserUpdateRequest("Ada L.", null, null));

        assertEquals(new User(ada.id(), "Ada L.", "ada@example.com", "hashed:correct horse", Role.USER, ada.createdAt(), 2), updated);
        assertEquals(Optional.of(updated), repository.findById(ada.id()));
        assertEquals(List.of(), hasher.hashed);
        assertEquals(List.of(new UserChanges("Ada L.", null, null)), repository.updateCalls);
    }

    @Test
    void update_with_no_fields_changes_nothing() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        User same = new User(ada.id(), ada.name(), ada.email(), ada.passwordHash(), Role.USER, ada.createdAt(), 2); // a new version
        assertEquals(same, service.update(ADMIN, ada.id(), new UserUpdateRequest(null, null, null)));
        assertEquals(Optional.of(same), repository.findById(ada.id()));
    }

    @Test
    void update_rehashes_a_new_password() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        User updated = service.update(ADMIN, ada.id(), new UserUpdateRequest(null, null, "battery staple"));

        assertEquals("hashed:battery staple", updated.passwordHash());
        assertEquals(new User(ada.id(), "Ada", "ada@example.com", "hashed:battery staple", Role.USER, ada.createdAt(), 2),
                repository.findById(ada.id()).orElseThrow());
        assertEquals(List.of(new UserChanges(null, null, "hashed:battery staple")), repository.updateCalls);
    }

    @Test
    void update_normalises_a_new_email() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        User updated = service.update(ADMIN, ada.id(), new UserUpdateRequest(null, "Ada@Example.ORG", null));

        assertEquals("ada@example.org", updated.email());
        assertTrue(repository.existsByEmail("ada@example.org"));
        assertFalse(repository.existsByEmail("ada@example.com"));
        assertEquals(List.of(new UserChanges(null, "ada@example.org", null)), repository.updateCalls);
    }

    @Test
    void update_applies_the_domain_rule_to_a_new_email() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        assertThrows(EmailDomainNotAllowed.class,
                () -> service.update(ADMIN, ada.id(), new UserUpdateRequest("Eve", "ada@eu.MAILINATOR.com", null)));

        assertEquals(Optional.of(ada), repository.findById(ada.id()));
        assertEquals(List.of(), repository.updateCalls);
    }

    @Test
    void update_refuses_another_users_email_ignoring_case() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        service.create(new UserCreateRequest("Bob", "bob@example.com", "battery staple"));

        assertThrows(EmailAlreadyRegistered.class,
                () -> service.update(ADMIN, ada.id(), new UserUpdateRequest("Ada L.", "BOB@example.com", null)));

        assertEquals(Optional.of(ada), repository.findById(ada.id()));
    }

    @Test
    void update_lets_a_user_keep_its_own_email_in_any_case() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        User updated = service.update(ADMIN, ada.id(), new UserUpdateRequest("Ada L.", "ADA@example.com", null));

        assertEquals(new User(ada.id(), "Ada L.", "ada@example.com", "hashed:correct horse", Role.USER, ada.createdAt(), 2), updated);
    }

    @Test
    void update_of_an_unknown_id_is_user_not_found_without_hashing() {
        assertThrows(UserNotFound.class,
                () -> service.update(ADMIN, FIRST_ID, new UserUpdateRequest("Ada", null, "battery staple")));

        assertEquals(List.of(), hasher.hashed);
        assertEquals(List.of(), repository.updateCalls);
    }

    @Test
    void update_of_a_user_deleted_while_hashing_is_user_not_found() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        hasher.beforeHash = () -> repository.delete(ada.id());

        assertThrows(UserNotFound.class,
                () -> service.update(ADMIN, ada.id(), new UserUpdateRequest(null, null, "battery staple")));

        assertEquals(Optional.empty(), repository.findById(ada.id()));
        assertFalse(repository.existsByEmail("ada@example.com"));
    }

    @Test
    void a_password_change_still_hashing_keeps_a_name_change_that_finished_meanwhile() throws Exception {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        CountDownLatch hashing = new CountDownLatch(1);
        CountDownLatch hashMayFinish = new CountDownLatch(1);
        hasher.beforeHash = () -> { // a slow hash: the password PATCH holds here until the name PATCH is done
            hashing.countDown();
            await(hashMayFinish, "the test never let the hash finish");
        };
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            Future<User> passwordPatch = clients.submit(
                    () -> service.update(ADMIN, ada.id(), new UserUpdateRequest(null, null, "battery staple")));
            await(hashing, "the password PATCH never started hashing");
            // On a thread of its own: were the hash done under a lock that the name PATCH needs, this would time out.
            User renamed = clients.submit(() -> service.update(ADMIN, ada.id(), new UserUpdateRequest("Ada L.", null, null)))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            hashMayFinish.countDown();
            User rehashed = passwordPatch.get(WAIT_SECONDS, TimeUnit.SECONDS);

            User stored = repository.findById(ada.id()).orElseThrow();
            assertEquals("Ada L.", stored.name(), "the password PATCH wrote back the name it had read");
            assertEquals("hashed:battery staple", stored.passwordHash());
            User both = new User(ada.id(), "Ada L.", "ada@example.com", "hashed:battery staple", Role.USER, ada.createdAt(), 3);
            assertEquals(both, stored);
            assertEquals(both, rehashed, "the password PATCH answers the user as stored, with the new name");
            assertEquals(new User(ada.id(), "Ada L.", "ada@example.com", "hashed:correct horse", Role.USER, ada.createdAt(), 2), renamed);
        } finally {
            hashMayFinish.countDown();
            clients.shutdownNow();
            assertTrue(clients.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "client threads did not stop");
        }
    }

    @Test
    void update_of_a_user_deleted_just_before_the_write_is_user_not_found() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        repository.beforeUpdate = () -> repository.delete(ada.id());

        assertThrows(UserNotFound.class, () -> service.update(ADMIN, ada.id(), new UserUpdateRequest("Ada L.", null, null)));

        assertEquals(Optional.empty(), repository.findById(ada.id()));
    }

    // --- who may do what (issue 9's table) ----------------------------------------------------------------

    private Caller callerOf(User user, String tokenHash) {
        return new Caller(user.id(), user.role(), tokenHash);
    }

    @Test
    void a_sign_up_is_always_role_user() {
        assertEquals(Role.USER, service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse")).role());
    }

    @Test
    void me_is_the_callers_own_user() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        assertEquals(ada, service.me(callerOf(ada, "t")));
    }

    @Test
    void a_user_reads_changes_and_deletes_their_own_account() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        Caller self = callerOf(ada, "t");

        assertEquals(ada, service.get(self, ada.id()));
        assertEquals("Ada L.", service.update(self, ada.id(), new UserUpdateRequest("Ada L.", null, null)).name());
        service.delete(self, ada.id());
        assertEquals(Optional.empty(), repository.findById(ada.id()));
    }

    @Test
    void another_user_is_forbidden_to_read_change_or_delete_and_nothing_changes() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        User bob = service.create(new UserCreateRequest("Bob", "bob@example.com", "battery staple"));
        Caller other = callerOf(bob, "t");

        assertThrows(Forbidden.class, () -> service.get(other, ada.id()));
        assertThrows(Forbidden.class, () -> service.update(other, ada.id(), new UserUpdateRequest("Eve", null, null)));
        assertThrows(Forbidden.class, () -> service.delete(other, ada.id()));
        assertEquals(Optional.of(ada), repository.findById(ada.id()));
    }

    @Test
    void a_403_does_not_depend_on_whether_the_other_id_exists() {
        User bob = service.create(new UserCreateRequest("Bob", "bob@example.com", "battery staple"));
        Caller other = callerOf(bob, "t");
        UUID unknown = new UUID(7, 7);

        assertThrows(Forbidden.class, () -> service.get(other, unknown));
        assertThrows(Forbidden.class, () -> service.update(other, unknown, new UserUpdateRequest("Eve", null, null)));
        assertThrows(Forbidden.class, () -> service.delete(other, unknown));
    }

    @Test
    void only_an_admin_lists_the_users() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        assertThrows(Forbidden.class, () -> service.list(callerOf(ada, "t"), 20, 0));
        assertEquals(List.of(), repository.listCalls, "refused before the store is asked");
        assertEquals(1, service.list(ADMIN, 20, 0).total());
    }

    @Test
    void an_admin_reads_changes_and_deletes_any_account_without_a_current_password() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        assertEquals(ada, service.get(ADMIN, ada.id()));
        assertEquals("ada@example.org",
                service.update(ADMIN, ada.id(), new UserUpdateRequest(null, "ada@example.org", "battery staple")).email());
        service.delete(ADMIN, ada.id());
        assertEquals(Optional.empty(), repository.findById(ada.id()));
    }

    // --- re-authentication and revocation ------------------------------------------------------------------

    @Test
    void changing_ones_own_password_without_the_current_one_is_422_naming_current_password() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        ValidationFailed failed = assertThrows(ValidationFailed.class,
                () -> service.update(callerOf(ada, "t"), ada.id(), new UserUpdateRequest(null, null, "battery staple")));

        assertEquals(List.of("currentPassword"), failed.errors().stream().map(e -> e.field()).toList());
        assertEquals(Optional.of(ada), repository.findById(ada.id()));
    }

    @Test
    void changing_ones_own_email_without_the_current_password_is_422_too() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        assertThrows(ValidationFailed.class,
                () -> service.update(callerOf(ada, "t"), ada.id(), new UserUpdateRequest(null, "ada@example.org", null)));
        assertEquals(Optional.of(ada), repository.findById(ada.id()));
    }

    @Test
    void a_wrong_current_password_is_current_password_incorrect_and_changes_nothing() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        assertThrows(CurrentPasswordIncorrect.class, () -> service.update(callerOf(ada, "t"), ada.id(),
                new UserUpdateRequest(null, "ada@example.org", "battery staple", "wrong horse")));
        assertEquals(Optional.of(ada), repository.findById(ada.id()));
    }

    @Test
    void the_right_current_password_lets_a_user_change_their_own_secrets() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        User updated = service.update(callerOf(ada, "t"), ada.id(),
                new UserUpdateRequest(null, "ada@example.org", "battery staple", "correct horse"));

        assertEquals("ada@example.org", updated.email());
        assertEquals("hashed:battery staple", updated.passwordHash());
    }

    @Test
    void a_password_change_revokes_every_other_token_of_the_user_but_keeps_the_one_used() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        User bob = service.create(new UserCreateRequest("Bob", "bob@example.com", "battery staple"));
        Instant later = NOW.plusSeconds(3600);
        for (String hash : List.of("used", "other-1", "other-2")) {
            tokens.insert(new StoredToken(hash, ada.id(), NOW, later));
        }
        tokens.insert(new StoredToken("bobs", bob.id(), NOW, later));

        service.update(callerOf(ada, "used"), ada.id(), new UserUpdateRequest(null, null, "battery staple", "correct horse"));

        assertTrue(tokens.findValid("used", NOW).isPresent());
        assertFalse(tokens.findValid("other-1", NOW).isPresent());
        assertFalse(tokens.findValid("other-2", NOW).isPresent());
        assertTrue(tokens.findValid("bobs", NOW).isPresent());
    }

    @Test
    void an_admins_password_change_of_another_user_revokes_all_of_that_users_tokens() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        tokens.insert(new StoredToken("adas", ada.id(), NOW, NOW.plusSeconds(3600)));
        tokens.insert(new StoredToken(ADMIN.tokenHash(), ADMIN.userId(), NOW, NOW.plusSeconds(3600)));

        service.update(ADMIN, ada.id(), new UserUpdateRequest(null, null, "battery staple"));

        assertFalse(tokens.findValid("adas", NOW).isPresent());
        assertTrue(tokens.findValid(ADMIN.tokenHash(), NOW).isPresent());
    }

    @Test
    void a_name_change_revokes_nothing() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        tokens.insert(new StoredToken("other", ada.id(), NOW, NOW.plusSeconds(3600)));

        service.update(callerOf(ada, "used"), ada.id(), new UserUpdateRequest("Ada L.", null, null));

        assertTrue(tokens.findValid("other", NOW).isPresent());
    }

    @Test
    void deleting_a_user_revokes_all_their_tokens() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        tokens.insert(new StoredToken("used", ada.id(), NOW, NOW.plusSeconds(3600)));
        tokens.insert(new StoredToken("other", ada.id(), NOW, NOW.plusSeconds(3600)));

        service.delete(callerOf(ada, "used"), ada.id());

        assertFalse(tokens.findValid("used", NOW).isPresent());
        assertFalse(tokens.findValid("other", NOW).isPresent());
    }

    /** Waits for the latch, failing the test (not hanging it) if it is not released in time. */
    private static void await(CountDownLatch latch, String failure) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(failure, e);
        }
    }

    // --- expected versions ------------------------------------------------------------------------------------

    @Test
    void update_expecting_an_old_version_is_refused_before_hashing_and_changes_nothing() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        service.update(ADMIN, ada.id(), new UserUpdateRequest("Ada L.", null, null));
        hasher.hashed.clear();
        repository.updateCalls.clear();

        assertThrows(StaleVersion.class, () -> service.update(ADMIN, ada.id(), new UserUpdateRequest(null, null, "battery staple"),
                OptionalLong.of(1)));

        assertEquals(List.of(), hasher.hashed);
        assertEquals(List.of(), repository.updateCalls);
        assertEquals(2, repository.findById(ada.id()).orElseThrow().version());
    }

    @Test
    void update_expecting_the_current_version_applies_and_answers_the_next() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        User updated = service.update(ADMIN, ada.id(), new UserUpdateRequest("Ada L.", null, null), OptionalLong.of(1));

        assertEquals(2, updated.version());
        assertEquals("Ada L.", updated.name());
    }

    /** The early check passed, then another writer changed the user while we hashed: the repository's check refuses. */
    @Test
    void update_refused_by_the_repository_when_the_user_changed_during_the_hash() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        repository.beforeUpdate = () -> {
            repository.beforeUpdate = () -> { };
            repository.update(ada.id(), new UserChanges("Someone else", null, null));
        };

        assertThrows(StaleVersion.class, () -> service.update(ADMIN, ada.id(), new UserUpdateRequest(null, null, "battery staple"),
                OptionalLong.of(1)));

        assertEquals("hashed:correct horse", repository.findById(ada.id()).orElseThrow().passwordHash());
    }

    @Test
    void delete_expecting_an_old_version_is_refused_and_keeps_the_user() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        service.update(ADMIN, ada.id(), new UserUpdateRequest("Ada L.", null, null));

        assertThrows(StaleVersion.class, () -> service.delete(ADMIN, ada.id(), OptionalLong.of(1)));

        assertTrue(repository.findById(ada.id()).isPresent());
    }
}
