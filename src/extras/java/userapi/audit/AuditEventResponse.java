package userapi.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Response model of one audit event: every field of the row, the unknown ones null (no user for an unknown e-mail,
 * no actor without a sign-in). Nothing secret, as the row has nothing secret.
 */
public record AuditEventResponse(UUID id, AuditEventType type, Instant at, Optional<UUID> userId,
                                 Optional<UUID> actorId, Optional<String> clientAddress, Optional<String> requestId) {
    public static AuditEventResponse of(AuditEvent event) {
        return new AuditEventResponse(event.id(), event.type(), event.at(), Optional.ofNullable(event.userId()),
                Optional.ofNullable(event.actorId()), Optional.ofNullable(event.clientAddress()),
                Optional.ofNullable(event.requestId()));
    }
}
