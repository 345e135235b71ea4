package userapi.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of the audit trail: what happened ({@code type}), when ({@code at}, to the millisecond), to whose account
 * ({@code userId}, null for an unknown e-mail), who did it ({@code actorId}: the signed-in caller, null when the
 * request had none, as at a login, or for the admin command), from which client address, and in which request
 * ({@code requestId}, the X-Request-Id of its log lines, or {@code "cli"} for the admin command). By construction it
 * has no field that could hold a password, a token or a hash.
 */
public record AuditEvent(UUID id, AuditEventType type, Instant at, UUID userId, UUID actorId, String clientAddress,
                         String requestId) {
    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
    }
}
