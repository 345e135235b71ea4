package userapi.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What every AuditStore promises, run against each store by a subclass that opens a fresh, empty one: events come
 * back as they went in, newest first (ties by the id's text), filtered, from a position, and swept by age.
 */
public abstract class AuditStoreContract {
    private static final Instant T0 = Instant.parse("2026-05-06T07:08:09.123Z");
    private static final UUID ADA = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    private static final UUID BOB = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    private static final UUID ADMIN = UUID.fromString("00000000-0000-4000-8000-0000000000ad");

    protected AuditStore store;
    private int next;

    /** A new, empty store. */
    protected abstract AuditStore openEmpty() throws Exception;

    /** Closes what openEmpty opened: files, schemas. */
    protected void close() throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        store = openEmpty();
    }

    @AfterEach
    void dispose() throws Exception {
        close();
    }

    /** An event at T0 plus this many seconds; ids grow with each call, so their text orders them too. */
    private AuditEvent event(AuditEventType type, UUID userId, long seconds) {
        next++;
        return new AuditEvent(UUID.fromString("10000000-0000-4000-8000-%012x".formatted(next)), type,
                T0.plusSeconds(seconds), userId, ADMIN, "203.0.113.7", "req-" + next);
    }

    private List<AuditEvent> appended(AuditEvent... events) {
        for (AuditEvent event : events) {
            store.append(event);
        }
        return List.of(events);
    }

    private static List<AuditEvent> newestFirst(List<AuditEvent> events) {
        List<AuditEvent> sorted = new ArrayList<>(events);
        sorted.sort(AuditStore.NEWEST_FIRST);
        return sorted;
    }

    @Test
    void an_event_comes_back_with_every_field_as_it_went_in() {
        AuditEvent full = event(AuditEventType.PASSWORD_CHANGED, ADA, 0);
        AuditEvent bare = new AuditEvent(UUID.randomUUID(), AuditEventType.LOGIN_FAILED, T0.plusSeconds(1), null, null,
                null, null);
        appended(full, bare);

        assertEquals(List.of(bare, full), store.page(null, null, null, 10));
    }

    @Test
    void a_page_is_newest_first_and_events_of_one_millisecond_are_ordered_by_their_ids_text_descending() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(new AuditEvent(UUID.randomUUID(), AuditEventType.LOGIN_SUCCEEDED, T0, ADA, null, null, null));
        }
        events.addAll(appended(event(AuditEventType.LOGOUT, ADA, -1), event(AuditEventType.LOGOUT, ADA, 1)));
        events.subList(0, 5).forEach(store::append);

        List<AuditEvent> page = store.page(null, null, null, 10);

        assertEquals(newestFirst(events), page);
        assertEquals(T0.plusSeconds(1), page.getFirst().at());
        List<String> sameMillisecond = page.subList(1, 6).stream().map(e -> e.id().toString()).toList();
        assertEquals(sameMillisecond.stream().sorted(Comparator.reverseOrder()).toList(), sameMillisecond);
    }

    @Test
    void pages_from_a_position_walk_every_event_once_even_across_one_millisecond() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            events.add(new AuditEvent(UUID.randomUUID(), AuditEventType.LOGIN_FAILED, T0.plusSeconds(i / 3), null, null,
                    null, null));
        }
        events.forEach(store::append);

        List<AuditEvent> walked = new ArrayList<>();
        AuditStore.Position after = null;
        for (int pages = 0; pages < 10; pages++) {
            List<AuditEvent> page = store.page(null, null, after, 2);
            walked.addAll(page);
            if (page.size() < 2) {
                break;
            }
            after = AuditStore.Position.of(page.getLast());
        }

        assertEquals(newestFirst(events), walked);
    }

    @Test
    void filters_by_user_by_type_and_by_both() {
        AuditEvent adaLogin = event(AuditEventType.LOGIN_SUCCEEDED, ADA, 1);
        AuditEvent bobLogin = event(AuditEventType.LOGIN_SUCCEEDED, BOB, 2);
        AuditEvent adaPassword = event(AuditEventType.PASSWORD_CHANGED, ADA, 3);
        AuditEvent unknown = event(AuditEventType.LOGIN_FAILED, null, 4);
        appended(adaLogin, bobLogin, adaPassword, unknown);

        assertEquals(List.of(adaPassword, adaLogin), store.page(ADA, null, null, 10));
        assertEquals(List.of(bobLogin, adaLogin), store.page(null, AuditEventType.LOGIN_SUCCEEDED, null, 10));
        assertEquals(List.of(adaLogin), store.page(ADA, AuditEventType.LOGIN_SUCCEEDED, null, 10));
        assertEquals(List.of(unknown), store.page(null, AuditEventType.LOGIN_FAILED, null, 10));
        assertEquals(List.of(), store.page(BOB, AuditEventType.PASSWORD_CHANGED, null, 10));
    }

    @Test
    void a_filtered_page_continues_from_its_position() {
        List<AuditEvent> ada = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ada.add(event(AuditEventType.LOGIN_SUCCEEDED, ADA, i));
            store.append(ada.getLast());
            store.append(event(AuditEventType.LOGIN_SUCCEEDED, BOB, i));
        }
        List<AuditEvent> first = store.page(ADA, AuditEventType.LOGIN_SUCCEEDED, null, 3);

        List<AuditEvent> second = store.page(ADA, AuditEventType.LOGIN_SUCCEEDED, AuditStore.Position.of(first.getLast()), 3);

        assertEquals(newestFirst(ada).subList(0, 3), first);
        assertEquals(newestFirst(ada).subList(3, 5), second);
    }

    @Test
    void deletes_exactly_the_events_from_before_the_cutoff() {
        AuditEvent old = event(AuditEventType.USER_CREATED, ADA, -10);
        AuditEvent older = event(AuditEventType.USER_CREATED, BOB, -20);
        AuditEvent atCutoff = event(AuditEventType.USER_DELETED, BOB, 0);
        AuditEvent newer = event(AuditEventType.LOGOUT, ADA, 5);
        appended(old, older, atCutoff, newer);

        assertEquals(2, store.deleteOlderThan(T0));

        assertEquals(List.of(newer, atCutoff), store.page(null, null, null, 10));
        assertEquals(0, store.deleteOlderThan(T0));
    }

    @Test
    void every_type_is_stored_and_read_back_by_its_label() {
        List<AuditEvent> events = new ArrayList<>();
        for (AuditEventType type : AuditEventType.values()) {
            events.add(event(type, ADA, events.size()));
        }
        events.forEach(store::append);

        for (AuditEventType type : AuditEventType.values()) {
            assertEquals(List.of(type), store.page(ADA, type, null, 10).stream().map(AuditEvent::type).toList());
        }
    }
}
