package userapi.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The audit store contract in memory, and its bound: past it, the oldest events go first. */
class InMemoryAuditStoreContractTest extends AuditStoreContract {
    @Override
    protected AuditStore openEmpty() {
        return new InMemoryAuditStore();
    }

    @Test
    void past_its_bound_the_oldest_events_are_dropped_first() {
        InMemoryAuditStore small = new InMemoryAuditStore(3);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            small.append(new AuditEvent(UUID.randomUUID(), AuditEventType.LOGIN_FAILED, t0.plusSeconds(i), null, null,
                    null, null));
        }

        assertEquals(List.of(t0.plusSeconds(4), t0.plusSeconds(3), t0.plusSeconds(2)),
                small.page(null, null, null, 10).stream().map(AuditEvent::at).toList());
    }
}
