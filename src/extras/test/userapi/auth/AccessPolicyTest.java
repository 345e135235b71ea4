package userapi.auth;

import org.junit.jupiter.api.Test;
import userapi.model.Role;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of AccessPolicy: the table of who may do what, decided from the caller and the id alone. */
class AccessPolicyTest {
    private static final UUID ADA = new UUID(0, 1);
    private static final UUID BOB = new UUID(0, 2);
    private static final Caller ADA_CALLER = new Caller(ADA, Role.USER, "a");
    private static final Caller ADMIN = new Caller(new UUID(0, 9), Role.ADMIN, "z");

    @Test
    void a_user_may_read_change_and_delete_their_own_account() {
        assertDoesNotThrow(() -> AccessPolicy.requireSelfOrAdmin(ADA_CALLER, ADA));
    }

    @Test
    void a_user_may_not_touch_another_users_account() {
        assertThrows(Forbidden.class, () -> AccessPolicy.requireSelfOrAdmin(ADA_CALLER, BOB));
    }

    @Test
    void an_admin_may_touch_any_account() {
        assertDoesNotThrow(() -> AccessPolicy.requireSelfOrAdmin(ADMIN, BOB));
        assertDoesNotThrow(() -> AccessPolicy.requireSelfOrAdmin(ADMIN, ADMIN.userId()));
    }

    @Test
    void only_an_admin_may_list_the_users() {
        assertThrows(Forbidden.class, () -> AccessPolicy.requireAdmin(ADA_CALLER));
        assertDoesNotThrow(() -> AccessPolicy.requireAdmin(ADMIN));
    }

    @Test
    void changing_ones_own_secrets_needs_the_current_password_and_an_admin_changing_another_does_not() {
        assertTrue(AccessPolicy.needsCurrentPassword(ADA_CALLER, ADA));
        assertTrue(AccessPolicy.needsCurrentPassword(ADMIN, ADMIN.userId()));
        assertFalse(AccessPolicy.needsCurrentPassword(ADMIN, BOB));
    }
}
