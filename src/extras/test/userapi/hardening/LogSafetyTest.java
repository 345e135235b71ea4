package userapi.hardening;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import userapi.logging.LineFormatter;
import userapi.logging.LogText;
import userapi.testing.RunningApp;
import userapi.testing.RunningJar;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Log safety end to end: client text that reaches a log line (the request method and path) is escaped and
 * truncated, so no client can forge or split a line or flood one; and when logs/ cannot
 * be written the real jar logs to the console with one clear warning and keeps serving.
 */
class LogSafetyTest {
    /** Client text of MAX_LENGTH characters may escape to six characters each (\\u0085), plus the line's frame. */
    private static final int LONGEST_ACCESS_LINE = 6 * LogText.MAX_LENGTH * 2 + 200;

    /** Formats every record of the app's loggers with the app's LineFormatter, as the log file would hold them. */
    private static final class Capture extends Handler {
        private final LineFormatter formatter = new LineFormatter();
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        List<String> containing(String text) {
            synchronized (lines) {
                return lines.stream().filter(line -> line.contains(text)).toList();
            }
        }
    }

    private final Logger appLogger = Logger.getLogger("userapi");
    private final Capture capture = new Capture();
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        appLogger.addHandler(capture);
        app = RunningApp.start(1000);
    }

    @AfterEach
    void stop() {
        app.close();
        appLogger.removeHandler(capture);
    }

    @Test
    void escapes_control_characters_in_the_method_of_the_access_line() throws Exception {
        // A bare CR is not a line end to the JDK's request-line reader, so it arrives inside the method.
        byte[] request = ("GE\rT\u001b[2J\u0085 /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(405, RawHttp.exchange(app.port(), request).status());
        List<String> lines = awaitLines("/health 405");
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.getFirst();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("GE\\rT\\u001b[2J\\u0085 /health 405"), line);
    }

    @Test
    void truncates_a_huge_method_and_path_in_the_access_line() throws Exception {
        String method = "M".repeat(20_000);
        String path = "/" + "p".repeat(7_000);
        RawHttp.exchange(app.port(), RawHttp.request(method, path, List.of(), null));
        List<String> lines = awaitLines("MMMMMMMMMM");
        assertEquals(1, lines.size());
        assertTrue(lines.getFirst().length() < LONGEST_ACCESS_LINE,
                "an access line of " + lines.getFirst().length() + " characters");
    }

    @Test
    void never_logs_a_token_an_authorization_header_or_a_current_password_but_names_the_caller() throws Exception {
        String id = app.createUserId("Ada", "ada@example.com", "correct horse");
        String token = app.signIn("ada@example.com", "correct horse");
        app.get("/users/me");
        app.patch("/users/" + id, app.json("password", "battery staple", "currentPassword", "Secret-Current-77"));
        app.send("GET", "/users/me", null, null, "Authorization", "Bearer Hostile-Header-Value-55");
        app.send("GET", "/users/me", null, null, "Authorization", "Basic QWRhOlNlY3JldA==");
        app.post("/auth/logout", null);

        List<String> accessLines = awaitLines("POST /auth/logout 204");
        assertEquals(1, accessLines.size(), accessLines.toString());
        assertTrue(accessLines.getFirst().contains(" user=" + id), accessLines.getFirst());
        assertTrue(awaitLines("GET /users/me 200").getFirst().contains(" user=" + id));
        for (String secret : List.of(token, token.substring(0, 20), "Hostile-Header-Value-55", "QWRhOlNlY3JldA==",
                "Secret-Current-77", "correct horse", "battery staple")) {
            assertEquals(List.of(), capture.containing(secret), "a log line holds " + secret);
        }
    }

    /** The access line is written after the answer has gone out: wait for it, bounded. */
    private List<String> awaitLines(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> lines = capture.containing(text);
        while (lines.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            lines = capture.containing(text);
        }
        return lines;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void falls_back_to_the_console_with_one_warning_when_logs_cannot_be_written(@TempDir Path workingDirectory)
            throws Exception {
        Path logs = workingDirectory.resolve("logs");
        Files.writeString(logs, "a file where the log directory should be\n", StandardCharsets.UTF_8);
        try (RunningJar jar = RunningJar.start(workingDirectory, List.of(), Map.of());
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + jar.port() + "/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, health.statusCode());

            String console = RunningJar.await(jar::console, text -> text.contains("GET /health 200"), Duration.ofSeconds(10));
            assertTrue(console.contains("GET /health 200"), "the access line goes to the console:\n" + console);
            List<String> warnings = console.lines().filter(line -> line.contains("cannot write log files")).toList();
            assertEquals(1, warnings.size(), console);
            assertTrue(warnings.getFirst().contains(" WARNING ") && warnings.getFirst().contains("console only"),
                    warnings.getFirst());
            assertFalse(console.contains("Exception\n\tat "), "no stack trace for an expected condition:\n" + console);
        }
        assertEquals("a file where the log directory should be\n", Files.readString(logs, StandardCharsets.UTF_8));
    }
}
