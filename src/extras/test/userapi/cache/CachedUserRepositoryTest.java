package userapi.cache;

import org.junit.jupiter.api.Test;
import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user cache over a counting fake store and a watch the test controls. */
class CachedUserRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final UUID ADA = new UUID(0, 1);
    private static final UUID BOB = new UUID(0, 2);

    private final CountingUserRepository store = new CountingUserRepository();
    private final SettableWatch watch = new SettableWatch();
    private final CachedUserRepository users = new CachedUserRepository(store, new ReadCache(watch));

    CachedUserRepositoryTest() {
        store.insert(new User(ADA, "Ada", "ada@example.com", "hash", Role.USER, T0));
        store.insert(new User(BOB, "Bob", "bob@example.com", "hash", Role.USER, T0.plusSeconds(1)));
    }

    @Test
    void serves_a_second_read_of_a_user_from_the_cache_while_nothing_changed() {
        Optional<User> first = users.findById(ADA);
        Optional<User> second = users.findById(ADA);

        assertEquals(first, second);
        assertEquals("Ada", second.orElseThrow().name());
        assertEquals(1, store.findByIdCalls);
        assertEquals(2, watch.looks, "every read still asks the watch");
    }

    @Test
    void a_commit_elsewhere_makes_the_next_read_go_to_the_store() {
        users.findById(ADA);
        store.setRole(ADA, Role.ADMIN); // behind the cache's back, as another process would
        watch.commitElsewhere();

        assertEquals(Role.ADMIN, users.findById(ADA).orElseThrow().role());
        assertEquals(2, store.findByIdCalls);
    }

    @Test
    void a_write_through_it_empties_the_cache_even_before_the_watch_tells() {
        users.findById(ADA);

        users.update(ADA, new UserChanges("Ada Lovelace", null, null));

        assertEquals("Ada Lovelace", users.findById(ADA).orElseThrow().name());
        assertEquals(2, store.findByIdCalls);
    }

    @Test
    void a_role_set_through_it_is_read_at_once() {
        users.findById(ADA);

        users.setRole(ADA, Role.ADMIN);

        assertEquals(Role.ADMIN, users.findById(ADA).orElseThrow().role());
    }

    @Test
    void a_user_deleted_through_it_is_gone_at_once() {
        users.findById(ADA);

        users.delete(ADA);

        assertEquals(Optional.empty(), users.findById(ADA));
    }

    @Test
    void an_unknown_id_is_asked_of_the_store_every_time() {
        UUID nobody = new UUID(0, 99);

        users.findById(nobody);
        users.findById(nobody);

        assertEquals(2, store.findByIdCalls, "an absent user is not cached: its insert must be seen");
    }

    @Test
    void a_watch_that_cannot_tell_means_every_read_goes_to_the_store() {
        users.findById(ADA);
        watch.breakDown();

        users.findById(ADA);
        users.findById(ADA);

        assertEquals(3, store.findByIdCalls);
    }

    @Test
    void a_watch_that_recovers_starts_from_an_empty_cache() {
        users.findById(ADA);
        watch.breakDown();
        users.findById(ADA);
        store.setRole(ADA, Role.ADMIN);
        watch.commitElsewhere(); // working again, with a new stamp

        assertEquals(Role.ADMIN, users.findById(ADA).orElseThrow().role());
    }

    @Test
    void serves_a_page_again_from_the_cache_and_reads_another_page_from_the_store() {
        Page<User> first = users.list(1, 0);

        assertEquals(first, users.list(1, 0));
        assertEquals(1, store.listCalls);
        assertEquals(List.of(BOB), users.list(1, 1).items().stream().map(User::id).toList());
        assertEquals(2, store.listCalls);
    }

    @Test
    void a_user_created_through_it_is_counted_by_the_next_page() {
        users.list(20, 0);

        users.insert(new User(new UUID(0, 3), "Cy", "cy@example.com", "hash", Role.USER, T0.plusSeconds(2)));

        assertEquals(3, users.list(20, 0).total());
    }

    @Test
    void keeps_no_more_users_than_its_bound() {
        ReadCache cache = new ReadCache(watch);
        CachedUserRepository bounded = new CachedUserRepository(store, cache);
        for (int i = 0; i < ReadCache.MAX_USERS + 10; i++) {
            UUID id = new UUID(1, i);
            store.insert(new User(id, "U" + i, i + "@example.com", "hash", Role.USER, T0));
            bounded.findById(id);
        }

        assertTrue(cache.now().users.size() <= ReadCache.MAX_USERS);
    }

    @Test
    void closing_it_closes_the_watch_and_the_store() {
        users.close();

        assertTrue(watch.closed);
        assertTrue(store.closed);
    }
}
