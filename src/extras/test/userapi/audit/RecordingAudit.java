package userapi.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A fake audit log and unit of work in one: it keeps each event recorded, and whether it was recorded inside a unit
 * of work, so a test sees both what a service records and that the record is part of the change's unit.
 */
public final class RecordingAudit implements AuditLog, UnitOfWork {
    /** One call of record, and whether a unit of work was running around it. */
    public record Recorded(AuditEventType type, UUID userId, boolean inUnit) {
    }

    private final List<Recorded> recorded = new ArrayList<>();
    private int depth;
    private int units;

    @Override
    public void record(AuditEventType type, UUID userId) {
        recorded.add(new Recorded(type, userId, depth > 0));
    }

    @Override
    public <T> T inOne(Supplier<T> work) {
        depth++;
        units++;
        try {
            return work.get();
        } finally {
            depth--;
        }
    }

    public List<Recorded> recorded() {
        return List.copyOf(recorded);
    }

    /** How many units of work were begun, nested ones included. */
    public int units() {
        return units;
    }
}
