package userapi.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * Query model of GET /audit-events: {@code ?userId=} and {@code &type=} filter (absent: any), {@code &limit=1..200}
 * (default 50), {@code &after=} the {@code next} of the page before (absent: the newest events).
 */
public record AuditEventQuery(UUID userId, AuditEventType type, @Min(1) @Max(AuditTrail.MAX_LIMIT) Integer limit,
                              @Size(max = 200) String after) {
    public AuditEventQuery {
        limit = limit == null ? AuditTrail.DEFAULT_LIMIT : limit;
    }
}
