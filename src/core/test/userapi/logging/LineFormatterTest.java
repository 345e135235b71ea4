package userapi.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of LineFormatter: one line per record, in UTC, with the request id, escaped, trace after it. */
class LineFormatterTest {
    private static final String NL = System.lineSeparator();

    private final LineFormatter formatter = new LineFormatter();

    @AfterEach
    void clearRequestId() {
        LogContext.clear();
    }

    private static LogRecord record(Level level, String message, String instant) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("userapi.App");
        record.setInstant(Instant.parse(instant));
        return record;
    }

    @Test
    void writes_utc_time_level_logger_a_dash_for_no_request_and_the_message() {
        String line = formatter.format(record(Level.INFO, "listening on http://127.0.0.1:8080", "2024-03-05T06:07:08.009Z"));

        assertEquals("2024-03-05T06:07:08.009Z INFO userapi.App [-] listening on http://127.0.0.1:8080" + NL, line);
    }

    @Test
    void writes_the_time_in_iso_8601_utc_with_milliseconds() {
        assertTrue(formatter.format(record(Level.INFO, "m", "1970-01-01T00:00:00Z")).startsWith("1970-01-01T00:00:00.000Z "));
        assertTrue(formatter.format(record(Level.INFO, "m", "2024-12-31T23:59:59.999999Z"))
                .startsWith("2024-12-31T23:59:59.999Z "));
    }

    @Test
    void writes_each_time_right_when_records_of_the_same_and_of_other_seconds_follow_each_other() {
        List<String> instants = List.of("2024-03-05T06:07:08.001Z", "2024-03-05T06:07:08.050Z", "2024-03-05T06:07:09.500Z",
                "2024-03-05T06:07:08.999Z", "2025-01-01T00:00:00.010Z", "2025-01-01T00:00:00.100Z");
        for (String instant : instants) {
            assertTrue(formatter.format(record(Level.INFO, "m", instant)).startsWith(instant + " "), instant);
        }
    }

    @Test
    void writes_the_request_id_of_the_current_request() {
        LogContext.setRequestId("req-42");

        String line = formatter.format(record(Level.WARNING, "slow", "2024-03-05T06:07:08.009Z"));

        assertEquals("2024-03-05T06:07:08.009Z WARNING userapi.App [req-42] slow" + NL, line);
    }

    @Test
    void goes_back_to_a_dash_once_the_request_id_is_cleared() {
        LogContext.setRequestId("req-42");
        LogContext.clear();

        assertTrue(formatter.format(record(Level.INFO, "m", "2024-03-05T06:07:08.009Z")).contains(" [-] "));
    }

    @Test
    void escapes_the_message_so_one_record_stays_one_line() {
        String forged = "login failed for ada\n2024-03-05T06:07:08.009Z INFO userapi.App [-] login ok for admin\r\u2028";

        String line = formatter.format(record(Level.INFO, forged, "2024-03-05T06:07:08.009Z"));

        assertEquals(1, line.split(NL, -1).length - 1, "exactly one line break, at the end: " + line);
        assertTrue(line.endsWith("login ok for admin\\r\\u2028" + NL), line);
        assertTrue(line.contains("ada\\n2024-03-05"), line);
    }

    @Test
    void fills_in_parameters_before_escaping_them() {
        LogRecord record = record(Level.INFO, "user {0} from {1}", "2024-03-05T06:07:08.009Z");
        record.setParameters(new Object[]{"eve\r\nFAKE", 7});

        String line = formatter.format(record);

        assertTrue(line.endsWith("] user eve\\r\\nFAKE from 7" + NL), line);
    }

    @Test
    void writes_a_record_without_a_message_as_null() {
        assertTrue(formatter.format(record(Level.INFO, null, "2024-03-05T06:07:08.009Z")).endsWith("[-] null" + NL));
    }

    @Test
    void puts_the_stack_trace_on_the_lines_after_the_message() {
        LogRecord record = record(Level.SEVERE, "unexpected error while handling GET /boom", "2024-03-05T06:07:08.009Z");
        record.setThrown(new IllegalStateException("boom", new IllegalArgumentException("root cause")));

        String[] lines = formatter.format(record).split(NL);

        assertEquals("2024-03-05T06:07:08.009Z SEVERE userapi.App [-] unexpected error while handling GET /boom", lines[0]);
        assertEquals("java.lang.IllegalStateException: boom", lines[1]);
        assertTrue(lines[2].startsWith("\tat userapi.logging.LineFormatterTest."), lines[2]);
        assertTrue(String.join("\n", lines).contains("Caused by: java.lang.IllegalArgumentException: root cause"));
    }

    @Test
    void writes_the_level_name_whatever_the_locale() {
        assertTrue(formatter.format(record(Level.FINE, "m", "2024-03-05T06:07:08.009Z")).contains(" FINE userapi.App "));
        assertTrue(formatter.format(record(Level.SEVERE, "m", "2024-03-05T06:07:08.009Z")).contains(" SEVERE userapi.App "));
    }

    @Test
    void escapes_an_exception_message_so_it_cannot_forge_a_line_of_its_own() {
        LogRecord record = record(Level.SEVERE, "storage unavailable", "2024-03-05T06:07:08.009Z");
        String forged = "x\n2024-03-05T06:07:09.000Z INFO userapi.App [-] all is well";
        record.setThrown(new IllegalStateException("outer", new java.sql.SQLException(forged)));

        String formatted = formatter.format(record);

        assertTrue(formatted.contains("Caused by: java.sql.SQLException: x\\n2024-03-05T06:07:09.000Z INFO"), formatted);
        assertTrue(java.util.Arrays.stream(formatted.split(NL)).noneMatch(l -> l.startsWith("2024-03-05T06:07:09")),
                formatted);
    }

    @Test
    void stops_at_a_cause_that_loops_back() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);
        LogRecord record = record(Level.SEVERE, "loop", "2024-03-05T06:07:08.009Z");
        record.setThrown(first);

        String formatted = formatter.format(record);

        assertEquals(1, formatted.split("Caused by: ", -1).length - 1, formatted);
    }
}
