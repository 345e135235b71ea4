package userapi.account;

import org.junit.jupiter.api.Test;
import userapi.audit.UnitOfWork;
import userapi.audit.AuditEventType;
import userapi.audit.AuditLog;
import userapi.auth.AccountDisabled;
import userapi.auth.Caller;
import userapi.auth.Forbidden;
import userapi.auth.InMemoryTokenRepository;
import userapi.auth.LastAdmin;
import userapi.auth.StoredToken;
import userapi.exception.UserNotFound;
import userapi.model.Role;
import userapi.model.User;
import userapi.repository.InMemoryUserRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Disabling and enabling on in-memory stores and a fixed clock, recording what is audited. */
class AccountStatusServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    private static final UUID ADMIN = new UUID(0, 1);
    private static final UUID BOB = new UUID(0, 2);
    private static final Caller AS_ADMIN = new Caller(ADMIN, Role.ADMIN, "admin-token");
    private static final Caller AS_BOB = new Caller(BOB, Role.USER, "b1");

    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository();
    private final List<Map.Entry<AuditEventType, UUID>> audited = new ArrayList<>();
    private final AuditLog audit = (type, userId) -> audited.add(Map.entry(type, userId));
    private final AccountStatusService service = new AccountStatusService(users, tokens, new InMemoryDisabledAccounts(users),
            Clock.fixed(NOW, ZoneOffset.UTC), audit, UnitOfWork.DIRECT);

    AccountStatusServiceTest() {
        users.insert(new User(ADMIN, "Admin", "admin@example.com", "hash", Role.ADMIN, NOW));
        users.insert(new User(BOB, "Bob", "bob@example.com", "hash", Role.USER, NOW));
        tokens.insert(new StoredToken("b1", BOB, NOW, NOW.plusSeconds(60)));
        tokens.insert(new StoredToken("b2", BOB, NOW, NOW.plusSeconds(60)));
        tokens.insert(new StoredToken("admin-token", ADMIN, NOW, NOW.plusSeconds(60)));
    }

    @Test
    void disabling_a_user_revokes_all_their_tokens_and_records_it_once() {
        User disabled = service.disable(AS_ADMIN, BOB);
        service.disable(AS_ADMIN, BOB);

        assertEquals(BOB, disabled.id());
        assertTrue(service.isDisabled(disabled));
        assertEquals(List.of(), tokens.findValidOf(BOB, NOW));
        assertTrue(tokens.findValid("admin-token", NOW).isPresent());
        assertEquals(List.of(Map.entry(AuditEventType.USER_DISABLED, BOB)), audited);
    }

    @Test
    void enabling_lets_the_user_pass_the_login_check_again_and_is_recorded() {
        service.disable(AS_ADMIN, BOB);
        User user = users.findById(BOB).orElseThrow();
        assertThrows(AccountDisabled.class, () -> service.loginCheck().passwordMatched(user));

        service.enable(AS_ADMIN, BOB);

        assertFalse(service.isDisabled(user));
        assertDoesNotThrow(() -> service.loginCheck().passwordMatched(user));
        assertEquals(AuditEventType.USER_ENABLED, audited.getLast().getKey());
    }

    @Test
    void only_an_admin_may_disable_or_enable_decided_before_any_lookup() {
        UUID unknown = new UUID(0, 9);

        assertThrows(Forbidden.class, () -> service.disable(AS_BOB, unknown));
        assertThrows(Forbidden.class, () -> service.enable(AS_BOB, unknown));
        assertThrows(Forbidden.class, () -> service.disable(AS_BOB, BOB));
        assertTrue(tokens.findValid("b1", NOW).isPresent());
    }

    @Test
    void an_unknown_user_is_not_found() {
        assertThrows(UserNotFound.class, () -> service.disable(AS_ADMIN, new UUID(0, 9)));
        assertThrows(UserNotFound.class, () -> service.enable(AS_ADMIN, new UUID(0, 9)));
    }

    @Test
    void the_last_admin_cannot_be_disabled_and_keeps_their_tokens() {
        assertThrows(LastAdmin.class, () -> service.disable(AS_ADMIN, ADMIN));

        assertTrue(tokens.findValid("admin-token", NOW).isPresent());
        assertEquals(List.of(), audited);
    }
}
