package userapi.audit;

import java.util.UUID;

/**
 * The audit port: "this security event happened to this user". Who did it (the signed-in caller), from which client
 * address and in which request are the adapter's to fill in from the request's context; never a password, token or
 * hash. Services call it right where the change they record is made.
 */
@FunctionalInterface
public interface AuditLog {
    /** Records nothing: for tests of a service that are not about its audit trail. */
    AuditLog NONE = (type, userId) -> { };

    /** @param userId whose account it concerns; null when none is known (a login for an unknown e-mail) */
    void record(AuditEventType type, UUID userId);
}
