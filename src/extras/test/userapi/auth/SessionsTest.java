package userapi.auth;

import org.junit.jupiter.api.Test;
import userapi.audit.UnitOfWork;
import userapi.audit.AuditEventType;
import userapi.audit.AuditLog;
import userapi.model.Role;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sessions service on an in-memory token store and a fixed clock, recording what it audits. */
class SessionsTest {
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    private static final UUID ADA = new UUID(0, 1);
    private static final UUID BOB = new UUID(0, 2);
    private static final Caller ADA_ON_A2 = new Caller(ADA, Role.USER, "a2");

    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository();
    private final List<Map.Entry<AuditEventType, UUID>> audited = new ArrayList<>();
    private final AuditLog audit = (type, userId) -> audited.add(Map.entry(type, userId));
    private final Sessions sessions = new Sessions(tokens, Clock.fixed(NOW, ZoneOffset.UTC), audit, UnitOfWork.DIRECT);

    SessionsTest() {
        tokens.insert(new StoredToken("a1", ADA, NOW.minusSeconds(30), NOW.plusSeconds(60)));
        tokens.insert(new StoredToken("a2", ADA, NOW.minusSeconds(20), NOW.plusSeconds(60)));
        tokens.insert(new StoredToken("a3", ADA, NOW.minusSeconds(10), NOW.plusSeconds(60)));
        tokens.insert(new StoredToken("expired", ADA, NOW.minusSeconds(5), NOW));
        tokens.insert(new StoredToken("b1", BOB, NOW.minusSeconds(1), NOW.plusSeconds(60)));
    }

    @Test
    void lists_the_callers_live_sessions_newest_first_marking_the_current_one() {
        assertEquals(List.of(new Session(Tokens.handle("a3"), NOW.minusSeconds(10), NOW.plusSeconds(60), false),
                        new Session(Tokens.handle("a2"), NOW.minusSeconds(20), NOW.plusSeconds(60), true),
                        new Session(Tokens.handle("a1"), NOW.minusSeconds(30), NOW.plusSeconds(60), false)),
                sessions.list(ADA_ON_A2));
    }

    @Test
    void a_session_id_is_neither_the_token_hash_nor_the_token() {
        String id = sessions.list(ADA_ON_A2).get(1).id();

        assertNotEquals("a2", id);
        assertEquals(22, id.length());
        assertFalse(Tokens.wellFormed(id), "a handle cannot pass for a token");
    }

    @Test
    void revoking_a_session_kills_that_token_only_and_records_it() {
        sessions.revoke(ADA_ON_A2, Tokens.handle("a1"));

        assertTrue(tokens.findValid("a1", NOW).isEmpty());
        assertTrue(tokens.findValid("a2", NOW).isPresent());
        assertTrue(tokens.findValid("a3", NOW).isPresent());
        assertEquals(List.of(Map.entry(AuditEventType.SESSION_REVOKED, ADA)), audited);
    }

    @Test
    void another_users_session_or_an_unknown_id_is_not_found_and_nothing_is_recorded() {
        assertThrows(SessionNotFound.class, () -> sessions.revoke(ADA_ON_A2, Tokens.handle("b1")));
        assertThrows(SessionNotFound.class, () -> sessions.revoke(ADA_ON_A2, "no-such-session"));
        assertThrows(SessionNotFound.class, () -> sessions.revoke(ADA_ON_A2, Tokens.handle("expired")));

        assertTrue(tokens.findValid("b1", NOW).isPresent());
        assertEquals(List.of(), audited);
    }

    @Test
    void logging_out_everywhere_kills_every_token_of_the_caller_and_no_one_elses() {
        sessions.logoutAll(ADA_ON_A2);

        assertEquals(List.of(), tokens.findValidOf(ADA, NOW));
        assertTrue(tokens.findValid("b1", NOW).isPresent());
        assertEquals(List.of(Map.entry(AuditEventType.LOGOUT, ADA)), audited);
    }
}
