package userapi.service;

import org.junit.jupiter.api.Test;
import userapi.exception.EmailAlreadyRegistered;
import userapi.exception.EmailDomainNotAllowed;
import userapi.exception.StaleVersion;
import userapi.exception.UserNotFound;
import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;

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

    private final RecordingUserRepository repository = new RecordingUserRepository();
    private final DefaultUserService service = new DefaultUserService(repository, hasher,
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
    void a_sign_up_is_always_role_user() {
        assertEquals(Role.USER, service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse")).role());
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
    void create_refuses_a_full_width_spelling_of_a_registered_address() {
        service.create(new UserCreateRequest("Dave", "dave@example.com", "correct horse"));

        assertThrows(EmailAlreadyRegistered.class,
                () -> service.create(new UserCreateRequest("Eve", "d\uFF41ve@example.com", "correct horse")));
        assertThrows(EmailAlreadyRegistered.class, // a full-width capital D
                () -> service.create(new UserCreateRequest("Eve", "\uFF24ave@example.com", "correct horse")));
        assertEquals(1, repository.list(10, 0).total());
    }

    @Test
    void create_stores_the_ascii_form_of_a_full_width_address() {
        User office = service.create(new UserCreateRequest("Office", "o\uFB03ce@\uFF45xample.com", "correct horse")); // ffi

        assertEquals("office@example.com", office.email());
    }

    @Test
    void update_refuses_a_full_width_spelling_of_another_users_address() {
        service.create(new UserCreateRequest("Dave", "dave@example.com", "correct horse"));
        User eve = service.create(new UserCreateRequest("Eve", "eve@example.com", "correct horse"));

        assertThrows(EmailAlreadyRegistered.class,
                () -> service.update(eve.id(), new UserUpdateRequest(null, "d\uFF41ve@example.com", null), OptionalLong.empty()));
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
                () -> service.update(ada.id(), new UserUpdateRequest(null, "ada@mailinator\u3002com", null)));
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

        assertEquals(ada, service.get(ada.id()));
    }

    @Test
    void get_of_an_unknown_id_is_user_not_found() {
        assertThrows(UserNotFound.class, () -> service.get(FIRST_ID));
    }

    @Test
    void list_passes_limit_and_offset_to_the_repository() {
        service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        service.create(new UserCreateRequest("Bob", "bob@example.com", "correct horse"));
        service.create(new UserCreateRequest("Cy", "cy@example.com", "correct horse"));
        repository.listCalls.clear();

        Page<User> page = service.list(1, 2);

        assertEquals(List.of("limit=1 offset=2"), repository.listCalls);
        assertEquals(List.of("cy@example.com"), page.items().stream().map(User::email).toList());
        assertEquals(3, page.total());
    }

    @Test
    void delete_removes_the_user() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        service.delete(ada.id());

        assertEquals(Optional.empty(), repository.findById(ada.id()));
        assertThrows(UserNotFound.class, () -> service.get(ada.id()));
    }

    @Test
    void delete_of_an_unknown_id_is_user_not_found() {
        assertThrows(UserNotFound.class, () -> service.delete(FIRST_ID));
    }

    // --- update -------------------------------------------------------------------------------------------

    @Test
    void update_changes_only_the_fields_present() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        hasher.hashed.clear();

        User updated = service.update(ada.id(), new UserUpdateRequest("Ada L.", null, null));

        assertEquals(new User(ada.id(), "Ada L.", "ada@example.com", "hashed:correct horse", Role.USER, ada.createdAt(), 2), updated);
        assertEquals(Optional.of(updated), repository.findById(ada.id()));
        assertEquals(List.of(), hasher.hashed);
        assertEquals(List.of(new UserChanges("Ada L.", null, null)), repository.updateCalls);
    }

    @Test
    void update_without_a_password_is_the_repositorys_one_step_with_no_read_before_it() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        repository.findByIdCalls.clear();

        service.update(ada.id(), new UserUpdateRequest("Ada L.", "ada.l@example.com", null), OptionalLong.of(1));

        assertEquals(List.of(), repository.findByIdCalls);
        assertEquals(1, repository.updateCalls.size());
        assertThrows(StaleVersion.class, () -> service.update(ada.id(), new UserUpdateRequest("Ada", null, null),
                OptionalLong.of(1)), "the one step checks the version");
    }

    @Test
    void update_with_no_fields_changes_nothing() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        User same = new User(ada.id(), ada.name(), ada.email(), ada.passwordHash(), Role.USER, ada.createdAt(), 2); // a new version
        assertEquals(same, service.update(ada.id(), new UserUpdateRequest(null, null, null)));
        assertEquals(Optional.of(same), repository.findById(ada.id()));
    }

    @Test
    void update_rehashes_a_new_password() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        User updated = service.update(ada.id(), new UserUpdateRequest(null, null, "battery staple"));

        assertEquals("hashed:battery staple", updated.passwordHash());
        assertEquals(new User(ada.id(), "Ada", "ada@example.com", "hashed:battery staple", Role.USER, ada.createdAt(), 2),
                repository.findById(ada.id()).orElseThrow());
        assertEquals(List.of(new UserChanges(null, null, "hashed:battery staple")), repository.updateCalls);
    }

    @Test
    void update_normalises_a_new_email() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        User updated = service.update(ada.id(), new UserUpdateRequest(null, "Ada@Example.ORG", null));

        assertEquals("ada@example.org", updated.email());
        assertTrue(repository.existsByEmail("ada@example.org"));
        assertFalse(repository.existsByEmail("ada@example.com"));
        assertEquals(List.of(new UserChanges(null, "ada@example.org", null)), repository.updateCalls);
    }

    @Test
    void update_applies_the_domain_rule_to_a_new_email() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        assertThrows(EmailDomainNotAllowed.class,
                () -> service.update(ada.id(), new UserUpdateRequest("Eve", "ada@eu.MAILINATOR.com", null)));

        assertEquals(Optional.of(ada), repository.findById(ada.id()));
        assertEquals(List.of(), repository.updateCalls);
    }

    @Test
    void update_refuses_another_users_email_ignoring_case() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        service.create(new UserCreateRequest("Bob", "bob@example.com", "battery staple"));

        assertThrows(EmailAlreadyRegistered.class,
                () -> service.update(ada.id(), new UserUpdateRequest("Ada L.", "BOB@example.com", null)));

        assertEquals(Optional.of(ada), repository.findById(ada.id()));
    }

    @Test
    void update_lets_a_user_keep_its_own_email_in_any_case() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        User updated = service.update(ada.id(), new UserUpdateRequest("Ada L.", "ADA@example.com", null));

        assertEquals(new User(ada.id(), "Ada L.", "ada@example.com", "hashed:correct horse", Role.USER, ada.createdAt(), 2), updated);
    }

    @Test
    void update_of_an_unknown_id_is_user_not_found_without_hashing() {
        assertThrows(UserNotFound.class,
                () -> service.update(FIRST_ID, new UserUpdateRequest("Ada", null, "battery staple")));

        assertEquals(List.of(), hasher.hashed);
        assertEquals(List.of(), repository.updateCalls);
    }

    @Test
    void update_of_a_user_deleted_while_hashing_is_user_not_found() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        hasher.beforeHash = () -> repository.delete(ada.id());

        assertThrows(UserNotFound.class,
                () -> service.update(ada.id(), new UserUpdateRequest(null, null, "battery staple")));

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
                    () -> service.update(ada.id(), new UserUpdateRequest(null, null, "battery staple")));
            await(hashing, "the password PATCH never started hashing");
            // On a thread of its own: were the hash done under a lock that the name PATCH needs, this would time out.
            User renamed = clients.submit(() -> service.update(ada.id(), new UserUpdateRequest("Ada L.", null, null)))
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

        assertThrows(UserNotFound.class, () -> service.update(ada.id(), new UserUpdateRequest("Ada L.", null, null)));

        assertEquals(Optional.empty(), repository.findById(ada.id()));
    }

    // --- expected versions ------------------------------------------------------------------------------------

    @Test
    void update_expecting_an_old_version_is_refused_before_hashing_and_changes_nothing() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        service.update(ada.id(), new UserUpdateRequest("Ada L.", null, null));
        hasher.hashed.clear();
        repository.updateCalls.clear();

        assertThrows(StaleVersion.class, () -> service.update(ada.id(), new UserUpdateRequest(null, null, "battery staple"),
                OptionalLong.of(1)));

        assertEquals(List.of(), hasher.hashed);
        assertEquals(List.of(), repository.updateCalls);
        assertEquals(2, repository.findById(ada.id()).orElseThrow().version());
    }

    @Test
    void update_expecting_the_current_version_applies_and_answers_the_next() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        User updated = service.update(ada.id(), new UserUpdateRequest("Ada L.", null, null), OptionalLong.of(1));

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

        assertThrows(StaleVersion.class, () -> service.update(ada.id(), new UserUpdateRequest(null, null, "battery staple"),
                OptionalLong.of(1)));

        assertEquals("hashed:correct horse", repository.findById(ada.id()).orElseThrow().passwordHash());
    }

    @Test
    void delete_expecting_an_old_version_is_refused_and_keeps_the_user() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        service.update(ada.id(), new UserUpdateRequest("Ada L.", null, null));

        assertThrows(StaleVersion.class, () -> service.delete(ada.id(), OptionalLong.of(1)));

        assertTrue(repository.findById(ada.id()).isPresent());
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
}
