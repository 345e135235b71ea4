package userapi.directory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import userapi.account.DisabledAccounts;
import userapi.exception.ValidationFailed;
import userapi.model.Role;
import userapi.model.User;
import userapi.repository.UserRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What every UserDirectory promises, run on each store by a subclass that opens an empty one beside its users. */
public abstract class UserDirectoryContract {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final UserDirectory.Filter ANY = new UserDirectory.Filter(null, null, null);

    /** A user store, the disabled marks beside it and the directory over both. */
    public record Stores(UserRepository users, DisabledAccounts disabled, UserDirectory directory) {
    }

    protected Stores stores;
    private final List<User> all = new ArrayList<>();

    protected abstract Stores openEmpty() throws Exception;

    protected void disposeOf() throws Exception {
    }

    /** 23 users; three share a creation time and two a name, so the ties need the id. */
    @BeforeEach
    void open() throws Exception {
        stores = openEmpty();
        String[] names = {"Zoe", "ada", "Bob", "Carol", "bob", "Dave", "Eve", "Ada", "Frank", "Grace", "Heidi",
                "Ivan", "Judy", "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Bob"};
        for (int i = 0; i < names.length; i++) {
            User user = new User(UUID.randomUUID(), names[i], "u" + (names.length - i) + "@example.com", "hash",
                    i % 5 == 0 ? Role.ADMIN : Role.USER, T0.plusMillis(i < 3 ? 0 : i));
            stores.users().insert(user);
            all.add(stores.users().findById(user.id()).orElseThrow());
        }
    }

    @AfterEach
    void close() throws Exception {
        stores.users().close();
        disposeOf();
    }

    @ParameterizedTest
    @EnumSource(UserSort.class)
    void a_cursor_walk_returns_every_user_exactly_once_and_in_order(UserSort sort) {
        UserList list = new UserList(stores.directory());
        List<User> walked = new ArrayList<>();
        String after = null;
        do {
            UserList.Page page = list.page(ANY, sort, after, null, 4);
            assertEquals(all.size(), page.total());
            walked.addAll(page.items());
            after = page.next();
        } while (after != null);

        Comparator<UserDirectory.Position> byKey = switch (sort) {
            case CREATED_AT, CREATED_AT_DESC -> Comparator.comparingLong(p -> Long.parseLong(p.key()));
            default -> Comparator.comparing(UserDirectory.Position::key);
        };
        Comparator<User> order = Comparator.comparing(user -> UserDirectory.Position.of(user, sort),
                byKey.thenComparing(p -> p.id().toString()));
        List<User> expected = all.stream().sorted(sort.descending() ? order.reversed() : order).toList();
        assertEquals(expected.stream().map(User::id).toList(), walked.stream().map(User::id).toList());
    }

    @Test
    void filters_match_a_part_of_the_name_or_email_the_role_and_the_disabled_mark_and_total_counts_the_matches() {
        UserList list = new UserList(stores.directory());
        UserList.Page bobs = list.page(new UserDirectory.Filter("bob", null, null), UserSort.EMAIL, null, null, 2);
        assertEquals(3, bobs.total(), "Bob, bob and Bob: case-insensitive");
        assertEquals(2, bobs.items().size());
        UserList.Page rest = list.page(new UserDirectory.Filter("bob", null, null), UserSort.EMAIL, bobs.next(), null, 2);
        assertEquals(1, rest.items().size());
        assertNull(rest.next());

        assertEquals(1, list.page(new UserDirectory.Filter("u17@", null, null), UserSort.NAME, null, null, 5).total());
        assertEquals(5, list.page(new UserDirectory.Filter(null, Role.ADMIN, null), UserSort.NAME, null, null, 9).items().size());

        stores.disabled().disable(all.get(1).id(), T0);
        UserList.Page disabled = list.page(new UserDirectory.Filter(null, null, true), UserSort.NAME, null, null, 9);
        assertEquals(List.of(all.get(1).id()), disabled.items().stream().map(User::id).toList());
        assertEquals(all.size() - 1, list.page(new UserDirectory.Filter(null, null, false), UserSort.NAME, null, null, 9).total());
        assertEquals(0, list.page(new UserDirectory.Filter("%", null, null), UserSort.NAME, null, null, 9).total(),
                "a wildcard of SQL is a character like any other");
    }

    @Test
    void an_offset_skips_that_many_matches() {
        UserList.Page page = new UserList(stores.directory()).page(ANY, UserSort.CREATED_AT, null, 20, 5);
        assertEquals(all.subList(20, 23).stream().map(User::id).toList(), page.items().stream().map(User::id).toList());
        assertNull(page.next());
    }

    @Test
    void a_cursor_of_another_query_a_forged_one_or_one_with_an_offset_is_refused_on_after() {
        UserList list = new UserList(stores.directory());
        String next = list.page(ANY, UserSort.NAME, null, null, 2).next();
        for (Runnable refused : List.<Runnable>of(
                () -> list.page(ANY, UserSort.EMAIL, next, null, 2),
                () -> list.page(new UserDirectory.Filter("a", null, null), UserSort.NAME, next, null, 2),
                () -> list.page(ANY, UserSort.NAME, "not-a-cursor", null, 2),
                () -> list.page(ANY, UserSort.NAME, next, 0, 2))) {
            ValidationFailed failed = assertThrows(ValidationFailed.class, refused::run);
            assertEquals("after", failed.errors().getFirst().field());
        }
    }
}
