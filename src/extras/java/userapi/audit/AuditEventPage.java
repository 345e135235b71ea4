package userapi.audit;

import java.util.List;
import java.util.Optional;

/** Response model of GET /audit-events: a page of events, newest first, and the cursor of the next (null: last page). */
public record AuditEventPage(List<AuditEventResponse> items, Optional<String> next) {
    public AuditEventPage {
        items = List.copyOf(items);
    }
}
