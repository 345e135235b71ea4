package userapi.account;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.repository.UserRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What every AccountStandings promises, run against each store by a subclass that opens fresh, empty ones (the
 * users, and the verified addresses and disable marks beside them): one user's standing and a page's agree, a page
 * of any size is one answer, and a user deleted meanwhile has no standing.
 */
public abstract class AccountStandingsContract {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final AccountStanding NEITHER = new AccountStanding(false, false);
    private static final AccountStanding VERIFIED = new AccountStanding(true, false);
    private static final AccountStanding DISABLED = new AccountStanding(false, true);
    private static final AccountStanding BOTH = new AccountStanding(true, true);

    /** The stores the test changes, and the AccountStandings that reads them. */
    public record Stores(UserRepository users, AccountStore accounts, DisabledAccounts disabled,
                         AccountStandings standings) {
    }

    protected Stores stores;

    protected abstract Stores openEmpty() throws Exception;

    /** Called after the users' store is closed: delete files, drop schemas. */
    protected void disposeOf() throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        stores = openEmpty();
    }

    @AfterEach
    void close() throws Exception {
        stores.users().close();
        disposeOf();
    }

    private User user(int n) {
        User user = new User(new UUID(0, n), "User " + n, "user" + n + "@example.com", "hash", Role.USER, T0.plusSeconds(n));
        stores.users().insert(user);
        return user;
    }

    private User withStanding(int n, AccountStanding standing) {
        User user = user(n);
        if (standing.emailVerified()) {
            stores.accounts().markVerified(user.id(), user.email());
        }
        if (standing.disabled()) {
            stores.disabled().disable(user.id(), T0);
        }
        return user;
    }

    private AccountStanding of(User user) {
        return stores.standings().of(user);
    }

    private Map<UUID, AccountStanding> ofAll(List<User> users) {
        return stores.standings().ofAll(users);
    }

    @Test
    void a_new_account_is_neither_verified_nor_disabled() {
        assertEquals(NEITHER, of(user(1)));
    }

    @Test
    void one_users_standing_follows_the_proved_address_and_the_disable_mark() {
        User ada = user(1);

        stores.accounts().markVerified(ada.id(), ada.email());
        assertEquals(VERIFIED, of(ada));

        stores.disabled().disable(ada.id(), T0);
        assertEquals(BOTH, of(ada));

        User moved = stores.users().update(ada.id(), new UserChanges(null, "ada@example.org", null)).orElseThrow();
        assertEquals(DISABLED, of(moved), "the proof was of the old address");

        stores.disabled().enable(ada.id());
        assertEquals(NEITHER, of(moved));
    }

    @Test
    void another_users_proof_or_mark_is_not_this_ones() {
        User ada = user(1);
        withStanding(2, BOTH);

        assertEquals(NEITHER, of(ada));
    }

    @Test
    void a_page_of_users_and_each_one_alone_agree() {
        List<User> page = List.of(withStanding(1, BOTH), withStanding(2, NEITHER), withStanding(3, DISABLED),
                withStanding(4, VERIFIED));

        Map<UUID, AccountStanding> each = new HashMap<>();
        for (User user : page) {
            each.put(user.id(), of(user));
        }

        assertEquals(each, ofAll(page));
        assertEquals(List.of(BOTH, NEITHER, DISABLED, VERIFIED), page.stream().map(this::of).toList());
    }

    @Test
    void a_page_of_no_users_has_no_standings() {
        withStanding(1, BOTH);

        assertEquals(Map.of(), ofAll(List.of()));
    }

    @Test
    void a_page_of_one_user_has_that_users_standing() {
        User ada = withStanding(1, VERIFIED);
        withStanding(2, DISABLED);

        assertEquals(Map.of(ada.id(), VERIFIED), ofAll(List.of(ada)));
    }

    @Test
    void a_page_of_25_users_has_each_ones_standing_in_one_answer() {
        List<User> page = new ArrayList<>();
        Map<UUID, AccountStanding> expected = new HashMap<>();
        for (int n = 1; n <= 25; n++) {
            AccountStanding standing = new AccountStanding(n % 3 == 0, n % 5 == 0);
            User user = withStanding(n, standing);
            page.add(user);
            expected.put(user.id(), standing);
        }
        withStanding(26, BOTH); // not on the page

        assertEquals(expected, ofAll(page));
    }

    @Test
    void a_deleted_user_is_absent_from_a_page_and_neither_verified_nor_disabled_alone() {
        User ada = withStanding(1, VERIFIED);
        User bob = withStanding(2, BOTH);

        stores.users().delete(bob.id());

        assertEquals(Map.of(ada.id(), VERIFIED), ofAll(List.of(ada, bob)));
        assertEquals(NEITHER, of(bob));
    }
}
