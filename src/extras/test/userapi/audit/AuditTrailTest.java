package userapi.audit;

import org.junit.jupiter.api.Test;
import userapi.exception.FieldError;
import userapi.exception.ValidationFailed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Pages of the audit trail and their cursors: every event once, the last page without one, a bad cursor refused. */
class AuditTrailTest {
    private static final Instant T0 = Instant.parse("2026-05-06T07:08:09Z");
    private static final UUID ADA = UUID.randomUUID();

    private final InMemoryAuditStore store = new InMemoryAuditStore();
    private final AuditTrail trail = new AuditTrail(store);

    private List<AuditEvent> appended(int count, AuditEventType type, UUID userId) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AuditEvent event = new AuditEvent(UUID.randomUUID(), type, T0.plusSeconds(i), userId, null, null, null);
            store.append(event);
            events.add(0, event); // newest first
        }
        return events;
    }

    private static void assertRefusesAfter(String message, Runnable call) {
        ValidationFailed refused = assertThrows(ValidationFailed.class, call::run);
        assertEquals(List.of("after"), refused.errors().stream().map(FieldError::field).toList(), message);
    }

    @Test
    void pages_follow_each_other_through_their_cursors_and_the_last_has_none() {
        List<AuditEvent> events = appended(5, AuditEventType.LOGIN_FAILED, null);

        AuditTrail.Page first = trail.page(null, null, 2, null);
        AuditTrail.Page second = trail.page(null, null, 2, first.next());
        AuditTrail.Page third = trail.page(null, null, 2, second.next());

        assertEquals(events.subList(0, 2), first.items());
        assertEquals(events.subList(2, 4), second.items());
        assertEquals(events.subList(4, 5), third.items());
        assertNotNull(first.next());
        assertNull(third.next());
    }

    @Test
    void a_page_that_ends_exactly_at_the_last_event_says_there_is_no_next() {
        List<AuditEvent> events = appended(4, AuditEventType.LOGOUT, ADA);

        AuditTrail.Page first = trail.page(null, null, 2, null);
        AuditTrail.Page second = trail.page(null, null, 2, first.next());

        assertEquals(events.subList(2, 4), second.items());
        assertNull(second.next());
    }

    @Test
    void new_events_go_to_the_front_and_never_shift_a_page_already_begun() {
        List<AuditEvent> events = appended(4, AuditEventType.LOGOUT, ADA);
        AuditTrail.Page first = trail.page(null, null, 2, null);

        store.append(new AuditEvent(UUID.randomUUID(), AuditEventType.LOGOUT, T0.plusSeconds(60), ADA, null, null, null));

        assertEquals(events.subList(2, 4), trail.page(null, null, 2, first.next()).items());
    }

    @Test
    void the_filters_carry_through_the_pages() {
        List<AuditEvent> adas = appended(3, AuditEventType.LOGIN_SUCCEEDED, ADA);
        appended(3, AuditEventType.LOGIN_SUCCEEDED, UUID.randomUUID());
        appended(3, AuditEventType.LOGOUT, ADA);

        AuditTrail.Page first = trail.page(ADA, AuditEventType.LOGIN_SUCCEEDED, 2, null);
        AuditTrail.Page second = trail.page(ADA, AuditEventType.LOGIN_SUCCEEDED, 2, first.next());

        assertEquals(adas, List.of(first.items().get(0), first.items().get(1), second.items().get(0)));
        assertNull(second.next());
    }

    @Test
    void a_cursor_given_for_other_filters_is_refused_on_after() {
        appended(3, AuditEventType.LOGIN_SUCCEEDED, ADA);
        String next = trail.page(ADA, null, 1, null).next();

        assertRefusesAfter("another user", () -> trail.page(UUID.randomUUID(), null, 1, next));
        assertRefusesAfter("no user", () -> trail.page(null, null, 1, next));
        assertRefusesAfter("a type", () -> trail.page(ADA, AuditEventType.LOGOUT, 1, next));
        assertEquals(1, trail.page(ADA, null, 1, next).items().size());
    }

    @Test
    void a_forged_or_garbled_cursor_is_refused_on_after() {
        for (String forged : List.of("", "!!!", "bm90IGEgY3Vyc29y", encode("1|123|not-a-uuid||"),
                encode("2|123|" + UUID.randomUUID() + "||"), encode("1|x|" + UUID.randomUUID() + "||"),
                encode("1|123|" + UUID.randomUUID() + "|"), encode("1|123|" + UUID.randomUUID() + "||logout|x"))) {
            assertRefusesAfter(forged, () -> trail.page(null, null, 1, forged));
        }
    }

    @Test
    void a_well_formed_cursor_for_a_place_with_no_events_gives_an_empty_last_page() {
        appended(2, AuditEventType.LOGOUT, ADA);
        String beforeEverything = encode("1|0|" + UUID.randomUUID() + "||");

        AuditTrail.Page page = trail.page(null, null, 5, beforeEverything);

        assertEquals(List.of(), page.items());
        assertNull(page.next());
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
