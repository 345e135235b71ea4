package userapi.hardening;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import userapi.production.ProductionApp;
import userapi.testing.RunningJar;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * SIGTERM on the real jar: it stops accepting, lets the request in flight finish, logs one "stopping" and one
 * "stopped" line (the last of the log) and exits with 0 or the JVM's 143; a request that never completes delays
 * the exit by a bounded grace period only.
 */
class GracefulShutdownTest {
    private static final Duration LOG_WAIT = Duration.ofSeconds(15);

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void sigterm_lets_the_request_in_flight_finish_and_exits_cleanly(@TempDir Path workingDirectory) throws Exception {
        try (RunningJar jar = RunningJar.start(workingDirectory, List.of(), Map.of())) {
            byte[] body = "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}"
                    .getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST /users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            int half = body.length / 2;
            try (Socket inFlight = RawHttp.connect(jar.port())) {
                OutputStream out = inFlight.getOutputStream();
                out.write(head);
                out.write(body, 0, half);
                out.flush();
                // Once another connection has been answered, the server has taken up ours too: it is in flight.
                assertEquals(200, RawHttp.exchange(jar.port(), RawHttp.request("GET", "/health", List.of(), null)).status());

                jar.process().destroy(); // SIGTERM
                String log = RunningJar.await(jar::logFile, text -> text.contains("stopping"), LOG_WAIT);
                assertTrue(log.contains("stopping"), "a stopping line:\n" + log);
                assertTrue(refusesNewConnections(jar.port()), "no new connection is served once stopping");

                out.write(body, half, body.length - half);
                out.flush();
                RawHttp.Response created = RawHttp.read(inFlight.getInputStream(), head);
                assertEquals(201, created.status(), created.bodyText());
            }

            assertTrue(jar.process().waitFor(30, TimeUnit.SECONDS), "the process exits");
            int exit = jar.process().exitValue();
            assertTrue(exit == 143 || exit == 0, "exit code " + exit);

            List<String> lines = jar.logFile().lines().toList();
            assertEquals(1, count(lines, "listening on"), String.join("\n", lines));
            assertEquals(1, count(lines, "stopping"), String.join("\n", lines));
            assertEquals(1, count(lines, "] stopped"), String.join("\n", lines));
            assertTrue(lines.getLast().endsWith("] stopped"), "stopped is the last line, flushed: " + lines.getLast());
            int stopping = indexOf(lines, "stopping");
            int createdLine = indexOf(lines, "POST /users 201");
            assertTrue(stopping < createdLine && createdLine < lines.size() - 1,
                    "the request finished between stopping and stopped:\n" + String.join("\n", lines));
            assertFalse(jar.console().contains("SEVERE"), jar.console());
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_request_that_never_completes_delays_the_exit_only_by_the_grace_period(@TempDir Path workingDirectory)
            throws Exception {
        try (RunningJar jar = RunningJar.start(workingDirectory, List.of(), Map.of());
             Socket stuck = RawHttp.connect(jar.port())) {
            stuck.getOutputStream().write("POST /users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"
                    .getBytes(StandardCharsets.ISO_8859_1));
            stuck.getOutputStream().flush();
            assertEquals(200, RawHttp.exchange(jar.port(), RawHttp.request("GET", "/health", List.of(), null)).status());

            long start = System.nanoTime();
            jar.process().destroy();
            assertTrue(jar.process().waitFor(60, TimeUnit.SECONDS), "the process exits despite the stuck request");
            long millis = (System.nanoTime() - start) / 1_000_000;
            int exit = jar.process().exitValue();
            assertTrue(exit == 143 || exit == 0, "exit code " + exit);
            assertTrue(jar.logFile().strip().endsWith("] stopped"), jar.logFile());
            long graceMillis = ProductionApp.SHUTDOWN_GRACE_SECONDS * 1000L;
            assertTrue(millis >= graceMillis - 500, "it waited for the stuck request first: " + millis + " ms");
            // the server's stop and the executor's shutdown each wait at most the grace period; 10 s more for the JVM
            assertTrue(millis <= 2 * graceMillis + 10_000, "bounded by the grace period: " + millis + " ms");
            System.out.printf("GracefulShutdownTest: with a stuck request the jar exited %d ms after SIGTERM%n", millis);
        }
    }

    /** Tries a few times: the listener closes just after the "stopping" line is written. */
    private static boolean refusesNewConnections(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                RawHttp.exchange(port, RawHttp.request("GET", "/health", List.of(), null));
            } catch (IOException refusedOrDropped) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static long count(List<String> lines, String text) {
        return lines.stream().filter(line -> line.contains(text)).count();
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return fail("no line with " + text + " in:\n" + String.join("\n", lines));
    }
}
