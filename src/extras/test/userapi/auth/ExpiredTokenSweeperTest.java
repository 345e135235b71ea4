package userapi.auth;

import org.junit.jupiter.api.Test;
import userapi.http.LogCapture;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One sweeper for every store's expired rows: each sweep runs at the same instant, and a failing one stops no other. */
class ExpiredTokenSweeperTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void runs_every_sweep_at_one_instant_and_a_failing_one_is_logged_by_name_without_stopping_the_rest() {
        List<String> ran = new ArrayList<>();
        Map<String, ExpiredTokenSweeper.Sweep> sweeps = new LinkedHashMap<>();
        sweeps.put("expired tokens", now -> {
            ran.add("tokens at " + now);
            return 2;
        });
        sweeps.put("old login failures", now -> {
            throw new IllegalStateException("the database is down");
        });
        sweeps.put("audit events past their retention", now -> {
            ran.add("audit at " + now);
            return 3;
        });

        try (LogCapture log = LogCapture.attach(ExpiredTokenSweeper.class);
             ExpiredTokenSweeper sweeper = new ExpiredTokenSweeper(sweeps, Clock.fixed(NOW, ZoneOffset.UTC))) {
            assertEquals(5, sweeper.sweep());

            assertEquals(List.of("tokens at " + NOW, "audit at " + NOW), ran);
            List<LogCapture.Captured> warnings = log.from(ExpiredTokenSweeper.class, Level.WARNING);
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).line().contains("could not remove old login failures"), warnings.get(0).line());
        }
    }
}
