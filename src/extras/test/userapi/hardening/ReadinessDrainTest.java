package userapi.hardening;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import userapi.production.ProductionApp;
import userapi.repository.InMemoryUserRepository;
import userapi.testing.TestConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shutdown with a drain delay: from the moment ProductionApp.close() begins, /health/ready answers 503 while the
 * server still accepts and serves (liveness stays 200, a request in flight and a new one both complete); only after the drain
 * does it stop accepting.
 */
class ReadinessDrainTest {
    /** Long enough that the checks below all happen inside it, even on a busy machine; the test waits it out once. */
    private static final int DRAIN_SECONDS = 8;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void readiness_is_503_during_the_drain_while_requests_in_flight_still_finish() throws Exception {
        InMemoryUserRepository repository = new InMemoryUserRepository();
        ProductionApp app = ProductionApp.start(TestConfig.local(Set.of(), 1000, DRAIN_SECONDS), repository);
        int port = app.port();
        Thread closer = new Thread(app::close, "test-close");
        try (Socket inFlight = RawHttp.connect(port)) {
            byte[] body = "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}"
                    .getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST /users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            int half = body.length / 2;
            OutputStream out = inFlight.getOutputStream();
            out.write(head);
            out.write(body, 0, half);
            out.flush();
            assertEquals(200, status(port, "/health/ready"), "ready before shutdown");

            closer.start(); // shutdown begins: the drain
            assertEquals(503, awaitReadiness(port, 503), "readiness turns 503 during the drain");
            assertEquals(503, status(port, "/health"), "/health is readiness");
            assertEquals(200, status(port, "/health/live"), "liveness stays 200");
            assertEquals(200, status(port, "/metrics"), "a new request is still served during the drain");
            assertTrue(closer.isAlive(), "still draining: every check above happened inside the drain");

            out.write(body, half, body.length - half);
            out.flush();
            RawHttp.Response created = RawHttp.read(inFlight.getInputStream(), head);
            assertEquals(201, created.status(), created.bodyText());
        } finally {
            if (closer.getState() == Thread.State.NEW) {
                closer.start(); // a check failed before shutdown began: still close the server
            }
            closer.join(TimeUnit.SECONDS.toMillis(60));
            repository.close();
        }
        assertFalse(closer.isAlive(), "close() returned after the drain");
        assertThrows(IOException.class, () -> status(port, "/health/live"), "after the drain no connection is served");
    }

    private static int status(int port, String path) throws IOException {
        return RawHttp.exchange(port, RawHttp.request("GET", path, List.of(), null)).status();
    }

    private static int awaitReadiness(int port, int expected) throws IOException, InterruptedException {
        int status = status(port, "/health/ready");
        for (int attempt = 0; attempt < 100 && status != expected; attempt++) {
            Thread.sleep(20);
            status = status(port, "/health/ready");
        }
        return status;
    }
}
