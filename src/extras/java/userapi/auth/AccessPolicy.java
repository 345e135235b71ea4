package userapi.auth;

import userapi.auth.Forbidden;
import userapi.auth.Caller;

import java.util.UUID;

/**
 * Who may do what to which user: a user reads, changes and deletes only their own account; an
 * admin any account and the list. Decided from the caller and the id alone, before any lookup, so a 403 says
 * nothing about whether the other id exists.
 */
public final class AccessPolicy {
    private AccessPolicy() {
    }

    /** GET, PATCH, DELETE /users/{id}. @throws Forbidden unless the caller is that user or an admin */
    public static void requireSelfOrAdmin(Caller caller, UUID userId) {
        if (!caller.isAdmin() && !caller.userId().equals(userId)) {
            throw new Forbidden();
        }
    }

    /** GET /users. @throws Forbidden unless the caller is an admin */
    public static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new Forbidden("Only an admin may list the users.");
        }
    }

    /** GET /audit-events. @throws Forbidden unless the caller is an admin */
    public static void requireAdminToReadAuditTrail(Caller caller) {
        if (!caller.isAdmin()) {
            throw new Forbidden("Only an admin may read the audit trail.");
        }
    }

    /** POST /users/{id}/disable and /enable. @throws Forbidden unless the caller is an admin */
    public static void requireAdminToDisable(Caller caller) {
        if (!caller.isAdmin()) {
            throw new Forbidden("Only an admin may disable or enable a user.");
        }
    }

    /**
     * Changing the e-mail or password of one's own account needs the current password (a stolen token alone must
     * not take the account over); an admin changing someone else's account does not.
     */
    public static boolean needsCurrentPassword(Caller caller, UUID userId) {
        return caller.userId().equals(userId);
    }
}
