package userapi.auth;

import org.junit.jupiter.api.Test;
import userapi.exception.StaleVersion;
import userapi.exception.ValidationFailed;
import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;
import userapi.service.DefaultUserService;
import userapi.service.FakePasswordHasher;
import userapi.service.UserService;
import userapi.testing.ForwardingUserRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unit tests of SignedInUsers over the real DefaultUserService and in-memory stores: who may read or change whom,
 * re-authentication before a change of one's own secrets, and which tokens a password change or a deletion revokes.
 */
class SignedInUsersTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30Z");
    private static final Instant LATER = NOW.plusSeconds(3600);
    private static final Caller ADMIN = new Caller(new UUID(9, 9), Role.ADMIN, "admin-token-hash");

    /** An in-memory user store that records which users were looked up and which pages listed. */
    private static final class LookupRecordingRepository extends ForwardingUserRepository {
        final List<String> lookups = new CopyOnWriteArrayList<>();

        @Override
        public Optional<User> findById(UUID id) {
            lookups.add("find " + id);
            return super.findById(id);
        }

        @Override
        public Page<User> list(int limit, int offset) {
            lookups.add("list limit=" + limit + " offset=" + offset);
            return super.list(limit, offset);
        }
    }

    /** The real user service, recording every user asked of it one by one. */
    private static final class GetRecordingService implements UserService {
        final UserService service;
        final List<UUID> gets = new CopyOnWriteArrayList<>();

        GetRecordingService(UserService service) {
            this.service = service;
        }

        @Override
        public User create(UserCreateRequest request) {
            return service.create(request);
        }

        @Override
        public User get(UUID id) {
            gets.add(id);
            return service.get(id);
        }

        @Override
        public Page<User> list(int limit, int offset) {
            return service.list(limit, offset);
        }

        @Override
        public User update(UUID id, UserUpdateRequest request, OptionalLong expectedVersion) {
            return service.update(id, request, expectedVersion);
        }

        @Override
        public void delete(UUID id, OptionalLong expectedVersion) {
            service.delete(id, expectedVersion);
        }
    }

    private final LookupRecordingRepository repository = new LookupRecordingRepository();
    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository();
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final AtomicLong nextId = new AtomicLong();
    private final DefaultUserService core = new DefaultUserService(repository, hasher, Set.of("mailinator.com"),
            Clock.fixed(NOW, ZoneOffset.UTC), () -> new UUID(0, nextId.incrementAndGet()));
    private final PasswordBrake brake = new PasswordBrake(new InMemoryFailureCounts(100), Clock.fixed(NOW, ZoneOffset.UTC));
    private final SignedInUsers signedIn = new SignedInUsers(core, tokens, hasher, brake);

    private User signUp(String name, String email, String password) {
        return core.create(new UserCreateRequest(name, email, password));
    }

    private static Caller callerOf(User user, String tokenHash) {
        return new Caller(user.id(), user.role(), tokenHash, "192.0.2.1", null);
    }

    /** The caller a valid token of this user proves: their user and standing as that token's one read found them. */
    private static Caller ownerOf(User user, String tokenHash) {
        return Caller.of(new TokenOwner(new StoredToken(tokenHash, user.id(), NOW, LATER), user, false, false))
                .from("192.0.2.1");
    }

    // --- who may do what ------------------------------------------------------------------------------------

    @Test
    void a_sign_up_needs_no_caller_rights_and_is_always_role_user() {
        User bob = signUp("Bob", "bob@example.com", "battery staple");

        User ada = signedIn.as(callerOf(bob, "t")).create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));

        assertEquals(Role.USER, ada.role());
        assertEquals(Optional.of(ada), repository.findById(ada.id()));
    }

    @Test
    void a_user_reads_changes_and_deletes_their_own_account() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        UserService self = signedIn.as(callerOf(ada, "t"));

        assertEquals(ada, self.get(ada.id()));
        assertEquals("Ada L.", self.update(ada.id(), new UserUpdateRequest("Ada L.", null, null)).name());
        signedIn.as(callerOf(ada, "t"), "correct horse").delete(ada.id());
        assertEquals(Optional.empty(), repository.findById(ada.id()));
    }

    @Test
    void another_user_is_forbidden_to_read_change_or_delete_and_nothing_changes() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        User bob = signUp("Bob", "bob@example.com", "battery staple");
        UserService other = signedIn.as(callerOf(bob, "t"));

        assertThrows(Forbidden.class, () -> other.get(ada.id()));
        assertThrows(Forbidden.class, () -> other.update(ada.id(), new UserUpdateRequest("Eve", null, null)));
        assertThrows(Forbidden.class, () -> other.delete(ada.id()));
        assertEquals(Optional.of(ada), repository.findById(ada.id()));
    }

    @Test
    void a_403_does_not_depend_on_whether_the_other_id_exists_and_comes_before_any_lookup() {
        User bob = signUp("Bob", "bob@example.com", "battery staple");
        UserService other = signedIn.as(callerOf(bob, "t"));
        UUID unknown = new UUID(7, 7);
        repository.lookups.clear();

        assertThrows(Forbidden.class, () -> other.get(unknown));
        assertThrows(Forbidden.class, () -> other.update(unknown, new UserUpdateRequest("Eve", null, null)));
        assertThrows(Forbidden.class, () -> other.delete(unknown));
        assertEquals(List.of(), repository.lookups);
    }

    @Test
    void only_an_admin_lists_the_users() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");

        assertThrows(Forbidden.class, () -> signedIn.as(callerOf(ada, "t")).list(20, 0));
        assertEquals(List.of(), repository.lookups, "refused before the store is asked");
        assertEquals(1, signedIn.as(ADMIN).list(20, 0).total());
    }

    @Test
    void an_admin_reads_changes_and_deletes_any_account_without_a_current_password() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        UserService admin = signedIn.as(ADMIN);

        assertEquals(ada, admin.get(ada.id()));
        assertEquals("ada@example.org",
                admin.update(ada.id(), new UserUpdateRequest(null, "ada@example.org", "battery staple")).email());
        admin.delete(ada.id());
        assertEquals(Optional.empty(), repository.findById(ada.id()));
    }

    // --- re-authentication ----------------------------------------------------------------------------------

    @Test
    void changing_ones_own_password_without_the_current_one_is_422_naming_current_password() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");

        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> signedIn.as(callerOf(ada, "t"))
                .update(ada.id(), new UserUpdateRequest(null, null, "battery staple")));

        assertEquals(List.of("currentPassword"), failed.errors().stream().map(e -> e.field()).toList());
        assertEquals(Optional.of(ada), repository.findById(ada.id()));
    }

    @Test
    void changing_ones_own_email_without_the_current_password_is_422_too() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");

        assertThrows(ValidationFailed.class, () -> signedIn.as(callerOf(ada, "t"))
                .update(ada.id(), new UserUpdateRequest(null, "ada@example.org", null)));
        assertEquals(Optional.of(ada), repository.findById(ada.id()));
    }

    @Test
    void a_wrong_current_password_is_current_password_incorrect_and_changes_nothing() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        hasher.hashed.clear();

        assertThrows(CurrentPasswordIncorrect.class, () -> signedIn.as(callerOf(ada, "t")).update(ada.id(),
                new UserUpdateRequest(null, "ada@example.org", "battery staple", "wrong horse")));
        assertEquals(Optional.of(ada), repository.findById(ada.id()));
        assertEquals(List.of(), hasher.hashed, "the new password was never hashed");
    }

    @Test
    void the_right_current_password_lets_a_user_change_their_own_secrets() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");

        User updated = signedIn.as(callerOf(ada, "t")).update(ada.id(),
                new UserUpdateRequest(null, "ada@example.org", "battery staple", "correct horse"));

        assertEquals("ada@example.org", updated.email());
        assertEquals("hashed:battery staple", updated.passwordHash());
    }

    @Test
    void a_stale_version_is_refused_before_the_current_password_is_checked() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        core.update(ada.id(), new UserUpdateRequest("Ada L.", null, null));

        assertThrows(StaleVersion.class, () -> signedIn.as(callerOf(ada, "t")).update(ada.id(),
                new UserUpdateRequest(null, null, "battery staple", "correct horse"), OptionalLong.of(1)));
        assertEquals(List.of(), hasher.checked);
    }

    @Test
    void a_name_change_of_ones_own_account_needs_no_current_password() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");

        assertEquals("Ada L.", signedIn.as(callerOf(ada, "t")).update(ada.id(), new UserUpdateRequest("Ada L.", null, null)).name());
        assertEquals(List.of(), hasher.checked);
    }

    // --- revocation -----------------------------------------------------------------------------------------

    @Test
    void a_password_change_revokes_every_other_token_of_the_user_but_keeps_the_one_used() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        User bob = signUp("Bob", "bob@example.com", "battery staple");
        for (String hash : List.of("used", "other-1", "other-2")) {
            tokens.insert(new StoredToken(hash, ada.id(), NOW, LATER));
        }
        tokens.insert(new StoredToken("bobs", bob.id(), NOW, LATER));

        signedIn.as(callerOf(ada, "used")).update(ada.id(), new UserUpdateRequest(null, null, "battery staple", "correct horse"));

        assertTrue(tokens.findValid("used", NOW).isPresent());
        assertFalse(tokens.findValid("other-1", NOW).isPresent());
        assertFalse(tokens.findValid("other-2", NOW).isPresent());
        assertTrue(tokens.findValid("bobs", NOW).isPresent());
    }

    @Test
    void an_admins_password_change_of_another_user_revokes_all_of_that_users_tokens() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        tokens.insert(new StoredToken("adas", ada.id(), NOW, LATER));
        tokens.insert(new StoredToken(ADMIN.tokenHash(), ADMIN.userId(), NOW, LATER));

        signedIn.as(ADMIN).update(ada.id(), new UserUpdateRequest(null, null, "battery staple"));

        assertFalse(tokens.findValid("adas", NOW).isPresent());
        assertTrue(tokens.findValid(ADMIN.tokenHash(), NOW).isPresent());
    }

    @Test
    void a_name_change_revokes_nothing() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        tokens.insert(new StoredToken("other", ada.id(), NOW, LATER));

        signedIn.as(callerOf(ada, "used")).update(ada.id(), new UserUpdateRequest("Ada L.", null, null));

        assertTrue(tokens.findValid("other", NOW).isPresent());
    }

    @Test
    void a_refused_password_change_revokes_nothing() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        tokens.insert(new StoredToken("other", ada.id(), NOW, LATER));

        assertThrows(CurrentPasswordIncorrect.class, () -> signedIn.as(callerOf(ada, "used")).update(ada.id(),
                new UserUpdateRequest(null, null, "battery staple", "wrong horse")));

        assertTrue(tokens.findValid("other", NOW).isPresent());
    }

    @Test
    void deleting_a_user_revokes_all_their_tokens() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        tokens.insert(new StoredToken("used", ada.id(), NOW, LATER));
        tokens.insert(new StoredToken("other", ada.id(), NOW, LATER));

        signedIn.as(callerOf(ada, "used"), "correct horse").delete(ada.id());

        assertFalse(tokens.findValid("used", NOW).isPresent());
        assertFalse(tokens.findValid("other", NOW).isPresent());
    }

    // --- deleting one's own account, and the brake on current passwords -------------------------------------

    @Test
    void deleting_ones_own_account_without_the_current_password_is_422_naming_it_and_deletes_nothing() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");

        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> signedIn.as(callerOf(ada, "t")).delete(ada.id()));

        assertEquals(List.of("currentPassword"), failed.errors().stream().map(e -> e.field()).toList());
        assertTrue(repository.findById(ada.id()).isPresent());
    }

    @Test
    void deleting_ones_own_account_with_a_wrong_current_password_is_current_password_incorrect() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");

        assertThrows(CurrentPasswordIncorrect.class, () -> signedIn.as(callerOf(ada, "t"), "wrong horse").delete(ada.id()));
        assertTrue(repository.findById(ada.id()).isPresent());
    }

    @Test
    void guessing_the_current_password_on_a_change_is_braked_even_for_the_right_one_before_any_hash() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        UserService self = signedIn.as(callerOf(ada, "t"));
        for (int i = 0; i < PasswordBrake.MAX_PER_PAIR; i++) {
            assertThrows(CurrentPasswordIncorrect.class, () -> self.update(ada.id(),
                    new UserUpdateRequest(null, null, "battery staple", "guess")));
        }
        hasher.checked.clear();

        TooManyLoginAttempts refused = assertThrows(TooManyLoginAttempts.class, () -> self.update(ada.id(),
                new UserUpdateRequest(null, null, "battery staple", "correct horse")));

        assertTrue(refused.retryAfterSeconds() > 0);
        assertEquals(List.of(), hasher.checked, "no hashing once braked");
        assertEquals(Optional.of(ada), repository.findById(ada.id()));
    }

    @Test
    void guessing_the_current_password_on_a_deletion_is_braked_in_the_same_count_as_a_change() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        for (int i = 0; i < 3; i++) {
            assertThrows(CurrentPasswordIncorrect.class, () -> signedIn.as(callerOf(ada, "t")).update(ada.id(),
                    new UserUpdateRequest(null, null, "battery staple", "guess")));
        }
        for (int i = 0; i < 2; i++) {
            assertThrows(CurrentPasswordIncorrect.class, () -> signedIn.as(callerOf(ada, "t"), "guess").delete(ada.id()));
        }

        assertThrows(TooManyLoginAttempts.class, () -> signedIn.as(callerOf(ada, "t"), "correct horse").delete(ada.id()));
        assertTrue(repository.findById(ada.id()).isPresent());
        assertThrows(TooManyLoginAttempts.class, () -> brake.check("ada@example.com", "192.0.2.1"),
                "a login of that account from that address is braked too");
    }

    // --- the caller's own user, as their token found it -----------------------------------------------------

    @Test
    void a_caller_reads_their_own_user_as_their_token_found_it_without_asking_the_service() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        GetRecordingService service = new GetRecordingService(core);
        Caller caller = ownerOf(repository.findById(ada.id()).orElseThrow(), "t");
        repository.lookups.clear();

        User read = new SignedInUsers(service, tokens, hasher, brake).as(caller).get(ada.id());

        assertSame(caller.owner().user(), read, "the very user the token's read found");
        assertEquals(List.of(), service.gets);
        assertEquals(List.of(), repository.lookups);
    }

    @Test
    void an_admin_with_their_tokens_owner_reading_another_users_id_asks_the_service() {
        User ada = signUp("Ada", "ada@example.com", "correct horse");
        User admin = new User(ADMIN.userId(), "Admin", "admin@example.com", "hash", Role.ADMIN, NOW);
        GetRecordingService service = new GetRecordingService(core);

        User read = new SignedInUsers(service, tokens, hasher, brake).as(ownerOf(admin, ADMIN.tokenHash())).get(ada.id());

        assertEquals(ada, read);
        assertEquals(List.of(ada.id()), service.gets);
    }
}
