package userapi.hardening;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import userapi.testing.RunningJar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A body trickled past the JDK's time for a request is logged as what it is: one INFO access line saying the
 * request timed out and that the answer could not be sent, not "malformed chunked framing", and no SEVERE line
 * with a stack trace; a client that leaves in the middle of its body is one INFO line too.
 */
class SlowBodyLogTest {
    private static final int TRICKLERS = 3;
    private static final Duration TRICKLE_INTERVAL = Duration.ofMillis(200);

    @TempDir
    Path workingDirectory;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_body_trickled_past_the_time_limit_is_one_info_line_saying_it_timed_out() throws Exception {
        try (RunningJar jar = RunningJar.start(workingDirectory, List.of("-Dsun.net.httpserver.maxReqTime=2"), Map.of())) {
            for (int i = 0; i < TRICKLERS; i++) {
                trickleUntilClosed(jar.port());
            }
            try (Socket leaving = RawHttp.connect(jar.port())) {
                leaving.getOutputStream().write(head(100));
                leaving.getOutputStream().write('{');
                leaving.getOutputStream().flush();
                leaving.shutdownOutput(); // the body ends 99 bytes early
                RawHttp.Response answer = RawHttp.read(leaving.getInputStream(), head(100));
                Problems.assertProblem(answer, 400, "UNREADABLE_BODY");
                assertTrue(answer.bodyText().contains("Content-Length"), answer.bodyText());
            }

            String log = RunningJar.await(jar::logFile,
                    text -> count(text, "POST /users 408 ") == TRICKLERS && text.contains("POST /users 400 "),
                    Duration.ofSeconds(30));
            assertEquals(TRICKLERS, count(log, "POST /users 408 "), log);
            assertEquals(TRICKLERS, count(log, "REQUEST_TIMEOUT: The request body did not arrive within the time "
                    + "allowed for a request. (not sent: the connection is closed)"), log);
            assertFalse(log.contains("chunked"), log);
            assertFalse(log.contains("SEVERE"), log);
            assertFalse(log.contains("\tat "), "no stack trace:\n" + log);
        }
    }

    private static byte[] head(int contentLength) {
        return ("POST /users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + contentLength + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends a sign-up whose 100-byte body comes one byte at a time, until the server closes the connection. */
    private static void trickleUntilClosed(int port) throws IOException {
        try (Socket socket = RawHttp.connect(port)) {
            socket.setSoTimeout((int) TRICKLE_INTERVAL.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head(100));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try {
                    out.write(' ');
                    out.flush();
                    if (in.read() == -1) {
                        return;
                    }
                } catch (SocketTimeoutException stillWaiting) {
                    // the server still waits for the rest: send the next byte
                } catch (SocketException closed) {
                    return;
                }
            }
            throw new AssertionError("the server did not cut the trickling body off within 30 s");
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
