package userapi.account;

import org.junit.jupiter.api.Test;
import userapi.auth.Caller;
import userapi.auth.StoredToken;
import userapi.auth.TokenOwner;
import userapi.model.Role;
import userapi.model.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * AccountResponses over a fake store of standings that counts its reads: the caller's own user, as their token's
 * read found it or as their change left it at the same address, is answered with the standing read with the token
 * and no read; anyone else, and the caller under a new address, is read; a page's standings are read once, in the
 * page's order.
 */
class AccountResponsesTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final User ADA = new User(new UUID(0, 1), "Ada", "ada@example.com", "hash", Role.USER, T0);
    private static final User BOB = new User(new UUID(0, 2), "Bob", "bob@example.com", "hash", Role.USER, T0);
    private static final User CAROL = new User(new UUID(0, 3), "Carol", "carol@example.com", "hash", Role.ADMIN, T0);

    /** Test fake: standings by user id, every read recorded. */
    private static final class CountingStandings implements AccountStandings {
        final Map<UUID, AccountStanding> stored = new HashMap<>();
        final List<String> reads = new ArrayList<>();

        @Override
        public AccountStanding of(User user) {
            reads.add("of " + user.name());
            return stored.getOrDefault(user.id(), new AccountStanding(false, false));
        }

        @Override
        public Map<UUID, AccountStanding> ofAll(List<User> users) {
            reads.add("ofAll " + users.stream().map(User::name).toList());
            Map<UUID, AccountStanding> found = new HashMap<>(); // no order to lean on
            for (User user : users) {
                if (stored.containsKey(user.id())) {
                    found.put(user.id(), stored.get(user.id()));
                }
            }
            return found;
        }
    }

    private final CountingStandings standings = new CountingStandings();
    private final AccountResponses responses = new AccountResponses(standings);

    AccountResponsesTest() {
        // what the store says now differs from what Ada's token read found, so the answer tells which was used
        standings.stored.put(ADA.id(), new AccountStanding(false, true));
        standings.stored.put(BOB.id(), new AccountStanding(true, false));
        standings.stored.put(CAROL.id(), new AccountStanding(true, true));
    }

    private static Caller signedIn(User user, boolean emailVerified, boolean disabled) {
        StoredToken token = new StoredToken("hash-of-" + user.name(), user.id(), T0, T0.plusSeconds(3600));
        return Caller.of(new TokenOwner(token, user, emailVerified, disabled));
    }

    @Test
    void the_callers_own_user_as_their_token_found_it_is_answered_with_the_standing_read_with_it_and_no_read() {
        Caller ada = signedIn(ADA, true, false);

        AccountResponse response = responses.forCaller(ada).apply(ada.owner().user());

        assertEquals(AccountResponse.of(ADA, true, false), response);
        assertEquals(List.of(), standings.reads);
    }

    @Test
    void another_users_standing_is_read_for_the_caller() {
        Caller carol = signedIn(CAROL, false, false);

        AccountResponse response = responses.forCaller(carol).apply(BOB);

        assertEquals(AccountResponse.of(BOB, true, false), response);
        assertEquals(List.of("of Bob"), standings.reads);
    }

    @Test
    void the_callers_own_user_as_their_change_left_it_at_the_same_address_is_answered_with_the_tokens_standing() {
        Caller ada = signedIn(ADA, true, false);
        User renamed = new User(ADA.id(), "Ada King", ADA.email(), ADA.passwordHash(), ADA.role(), ADA.createdAt(),
                ADA.version() + 1);

        AccountResponse response = responses.forCaller(ada).apply(renamed);

        assertEquals(AccountResponse.of(renamed, true, false), response);
        assertEquals(List.of(), standings.reads);
    }

    @Test
    void the_callers_own_user_under_a_new_address_is_read_not_taken_from_the_token() {
        Caller ada = signedIn(ADA, true, false);
        User moved = new User(ADA.id(), ADA.name(), "ada@example.org", ADA.passwordHash(), ADA.role(), ADA.createdAt(),
                ADA.version() + 1);

        AccountResponse response = responses.forCaller(ada).apply(moved);

        assertEquals(AccountResponse.of(moved, false, true), response, "the proof read with the token was of the old address");
        assertEquals(List.of("of Ada"), standings.reads);
    }

    @Test
    void a_caller_made_without_a_token_owner_has_even_their_own_user_read() {
        Caller ada = new Caller(ADA.id(), ADA.role(), "hash-of-Ada");

        AccountResponse response = responses.forCaller(ada).apply(ADA);

        assertEquals(AccountResponse.of(ADA, false, true), response);
        assertEquals(List.of("of Ada"), standings.reads);
    }

    @Test
    void one_user_is_answered_with_their_standing_as_read() {
        assertEquals(AccountResponse.of(CAROL, true, true), responses.of(CAROL));
        assertEquals(List.of("of Carol"), standings.reads);
    }

    @Test
    void a_page_is_answered_in_its_order_with_one_read_of_the_standings() {
        List<User> page = List.of(CAROL, ADA, BOB);

        List<AccountResponse> answered = responses.ofAll(page);

        assertEquals(List.of(AccountResponse.of(CAROL, true, true), AccountResponse.of(ADA, false, true),
                AccountResponse.of(BOB, true, false)), answered);
        assertEquals(List.of("ofAll [Carol, Ada, Bob]"), standings.reads);
    }

    @Test
    void a_user_of_the_page_deleted_meanwhile_is_answered_neither_verified_nor_disabled() {
        User gone = new User(new UUID(0, 9), "Gone", "gone@example.com", "hash", Role.USER, T0);

        List<AccountResponse> answered = responses.ofAll(List.of(BOB, gone));

        assertEquals(List.of(AccountResponse.of(BOB, true, false), AccountResponse.of(gone, false, false)), answered);
    }

    @Test
    void an_empty_page_reads_nothing() {
        assertEquals(List.of(), responses.ofAll(List.of()));
        assertEquals(List.of(), standings.reads);
    }
}
