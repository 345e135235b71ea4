package userapi.auth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import userapi.account.AccountStore;
import userapi.account.DisabledAccounts;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.repository.UserRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every TokenOwners promises, run against each store by a subclass that opens fresh, empty ones (the users,
 * their tokens and the account's standing beside them): a token's owner is its user as stored at the moment asked,
 * with the standing of the account as stored then; a token expired, revoked, unknown or of a deleted user finds
 * nobody. Each test finds the owner once before it changes anything, so a store that keeps what it read must
 * prove it current.
 */
public abstract class TokenOwnersContract {
    protected static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    protected static final Instant LATER = T0.plus(Duration.ofHours(1));
    protected static final UUID ADA = new UUID(0, 1);
    protected static final UUID BOB = new UUID(0, 2);

    /** The stores the test changes, and the TokenOwners that reads them. */
    public record Stores(UserRepository users, TokenRepository tokens, AccountStore accounts, DisabledAccounts disabled,
                         TokenOwners owners) {
    }

    protected Stores stores;

    protected abstract Stores openEmpty() throws Exception;

    /** Called after the users' store is closed: delete files, drop schemas. */
    protected void disposeOf() throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        stores = openEmpty();
        stores.users().insert(new User(ADA, "Ada", "ada@example.com", "hash-a", Role.USER, T0));
        stores.users().insert(new User(BOB, "Bob", "bob@example.com", "hash-b", Role.USER, T0));
    }

    @AfterEach
    void close() throws Exception {
        stores.users().close();
        disposeOf();
    }

    /** Stores a token of this user, valid from T0 until LATER. */
    protected StoredToken issue(String hash, UUID user) {
        StoredToken token = new StoredToken(hash, user, T0, LATER);
        stores.tokens().insert(token);
        return token;
    }

    protected Optional<TokenOwner> find(String hash) {
        return stores.owners().find(hash, T0);
    }

    protected TokenOwner owner(String hash) {
        return find(hash).orElseThrow(() -> new AssertionError("nobody found for token " + hash));
    }

    private User stored(UUID id) {
        return stores.users().findById(id).orElseThrow();
    }

    @Test
    void a_valid_tokens_owner_is_the_token_and_its_user_as_stored() {
        StoredToken adas = issue("a1", ADA);
        StoredToken bobs = issue("b1", BOB);

        assertEquals(new TokenOwner(adas, stored(ADA), false, false), owner("a1"));
        assertEquals(new TokenOwner(bobs, stored(BOB), false, false), owner("b1"));
    }

    @Test
    void a_name_and_a_role_changed_after_the_token_was_issued_are_seen_on_the_next_find() {
        issue("a1", ADA);
        assertEquals(Role.USER, owner("a1").user().role());

        stores.users().update(ADA, new UserChanges("Ada King", null, null));
        stores.users().setRole(ADA, Role.ADMIN);

        User found = owner("a1").user();
        assertEquals("Ada King", found.name());
        assertEquals(Role.ADMIN, found.role());
        assertEquals(stored(ADA), found, "the user as stored now, its version included");
    }

    @Test
    void the_address_is_verified_only_while_it_is_the_one_proved() {
        issue("a1", ADA);
        assertFalse(owner("a1").emailVerified());

        stores.accounts().markVerified(ADA, "ada@example.com");
        assertTrue(owner("a1").emailVerified());

        stores.users().update(ADA, new UserChanges(null, "ada@example.org", null));
        TokenOwner moved = owner("a1");
        assertEquals("ada@example.org", moved.user().email());
        assertFalse(moved.emailVerified(), "the proof was of the old address");

        stores.accounts().markVerified(ADA, "ada@example.org");
        assertTrue(owner("a1").emailVerified());
    }

    @Test
    void another_users_verified_address_does_not_make_the_owners_verified() {
        issue("a1", ADA);
        stores.accounts().markVerified(BOB, "bob@example.com");

        assertFalse(owner("a1").emailVerified());
    }

    @Test
    void the_owner_is_found_disabled_while_an_admin_has_disabled_the_account() {
        issue("a1", ADA);
        issue("b1", BOB);
        assertFalse(owner("a1").disabled());

        stores.disabled().disable(ADA, T0);
        TokenOwner disabled = owner("a1");
        assertTrue(disabled.disabled(), "found, and found disabled: refusing them is the authenticator's job");
        assertEquals(stored(ADA), disabled.user());
        assertFalse(owner("b1").disabled(), "only that account");

        stores.disabled().enable(ADA);
        assertFalse(owner("a1").disabled());
    }

    @Test
    void a_token_finds_its_owner_until_the_millisecond_it_expires() {
        issue("a1", ADA);

        assertTrue(stores.owners().find("a1", T0).isPresent());
        assertTrue(stores.owners().find("a1", LATER.minusMillis(1)).isPresent());
        assertEquals(Optional.empty(), stores.owners().find("a1", LATER), "dead at its expiry");
        assertEquals(Optional.empty(), stores.owners().find("a1", LATER.plusSeconds(60)));
    }

    @Test
    void a_hash_it_was_not_given_finds_nobody() {
        issue("a1", ADA);

        assertEquals(Optional.empty(), find("a2"));
        assertEquals(Optional.empty(), find("A1"));
        assertEquals(Optional.empty(), find(""));
    }

    @Test
    void a_deleted_users_token_finds_nobody() {
        issue("a1", ADA);
        issue("b1", BOB);
        assertTrue(find("a1").isPresent());

        stores.users().delete(ADA);

        assertEquals(Optional.empty(), find("a1"));
        assertTrue(find("b1").isPresent(), "no one else's");
    }

    @Test
    void a_revoked_token_finds_nobody_and_the_users_other_tokens_still_find_them() {
        issue("a1", ADA);
        issue("a2", ADA);
        assertTrue(find("a1").isPresent());

        stores.tokens().delete("a1");

        assertEquals(Optional.empty(), find("a1"));
        assertEquals(ADA, owner("a2").user().id());

        stores.tokens().deleteAllOf(ADA, null);

        assertEquals(Optional.empty(), find("a2"));
    }
}
