package userapi.hardening;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import userapi.testing.RunningJar;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static userapi.hardening.Problems.assertProblem;

/**
 * One client cannot hold every connection: on the real jar with a small cap on all connections, a hostile client
 * (127.0.0.2, another loopback address standing in for another machine) opens as many connections as the whole
 * server takes, each holding a request in progress; past MAX_CONNECTIONS_PER_CLIENT it is answered 429 with
 * Connection: close, and an honest client (127.0.0.1) is still served. A trusted proxy is not counted. And
 * a connection that sends nothing is closed soon after the first-byte limit, not a whole idle-timer tick later.
 */
class ConnectionsPerClientTest {
    private static final int ALL_CONNECTIONS = 12;
    private static final int PER_CLIENT = 4;
    private static final String HOSTILE = "127.0.0.2";
    /** A sign-up whose body, "{}", arrives in two parts: the request stays in progress until the second is sent. */
    private static final byte[] HELD_REQUEST = ("POST /users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: 2\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path workingDirectory;

    /** One held connection and the answer that will come on it. */
    private record Held(Socket socket, CompletableFuture<RawHttp.Response> answer) {
        void finishBody() throws IOException {
            socket.getOutputStream().write('}');
            socket.getOutputStream().flush();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_client_past_its_cap_is_answered_429_and_an_honest_client_is_still_served() throws Exception {
        try (RunningJar jar = startJar(Map.of("MAX_CONNECTIONS_PER_CLIENT", String.valueOf(PER_CLIENT)));
             ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Held> hostile = new ArrayList<>();
            try {
                for (int i = 0; i < ALL_CONNECTIONS; i++) {
                    hostile.add(hold(jar.port(), readers));
                }
                List<Held> refused = awaitAnswered(hostile, ALL_CONNECTIONS - PER_CLIENT);
                for (Held extra : refused) {
                    RawHttp.Response answer = extra.answer().get();
                    JsonNode problem = assertProblem(answer, 429, "TOO_MANY_CONNECTIONS");
                    assertEquals("close", answer.header("Connection"), problem.toString());
                    assertEquals("1", answer.header("Retry-After"));
                    extra.socket().close(); // as Connection: close asks; one that stays is cut at the request time limit
                }

                assertEquals(200, retryUntilServed(jar.port()), "the honest client is served beside the hostile one");

                List<Held> kept = hostile.stream().filter(held -> !refused.contains(held)).toList();
                assertEquals(PER_CLIENT, kept.size());
                for (Held held : kept) { // held, not cut: each still gets its own answer once its body is complete
                    held.finishBody();
                    assertProblem(held.answer().get(30, TimeUnit.SECONDS), 422, "VALIDATION_FAILED");
                }
            } finally {
                for (Held held : hostile) {
                    held.socket().close();
                }
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_trusted_proxy_is_not_counted_since_it_carries_many_clients() throws Exception {
        try (RunningJar jar = startJar(Map.of("MAX_CONNECTIONS_PER_CLIENT", String.valueOf(PER_CLIENT),
                "TRUSTED_PROXIES", HOSTILE));
             ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Held> proxied = new ArrayList<>();
            try {
                for (int i = 0; i < PER_CLIENT + 2; i++) {
                    proxied.add(hold(jar.port(), readers));
                }
                for (Held held : proxied) {
                    held.finishBody();
                    assertProblem(held.answer().get(30, TimeUnit.SECONDS), 422, "VALIDATION_FAILED");
                }
            } finally {
                for (Held held : proxied) {
                    held.socket().close();
                }
            }
        }
    }

    /**
     * The JDK closes a connection that has sent nothing after the lesser of idleInterval and maxReqTime (2 s here),
     * but only looks every clockTick: 10 s by default, which let a silent connection live up to 20 s.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_connection_that_sends_nothing_is_closed_within_a_tick_of_the_first_byte_limit() throws Exception {
        try (RunningJar jar = RunningJar.start(workingDirectory, List.of("-Dsun.net.httpserver.maxReqTime=2"), Map.of());
             Socket silent = RawHttp.connect(jar.port())) {
            silent.setSoTimeout(8_000); // the limit, a 1 s tick and a loaded machine; under the 10 s default tick
            assertClosedByServer(silent);
        }
    }

    private RunningJar startJar(Map<String, String> environment) throws IOException, InterruptedException {
        // the held requests must outlast the test, whatever the machine's speed
        return RunningJar.start(workingDirectory, List.of("-Djdk.httpserver.maxConnections=" + ALL_CONNECTIONS,
                "-Dsun.net.httpserver.maxReqTime=60"), environment);
    }

    /** A connection from the hostile address whose request stays in progress; its answer is read in the background. */
    private static Held hold(int port, ExecutorService readers) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(HOSTILE), 0);
        socket.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS * 4);
        OutputStream out = socket.getOutputStream();
        out.write(HELD_REQUEST);
        out.flush();
        CompletableFuture<RawHttp.Response> answer = new CompletableFuture<>();
        readers.submit(() -> {
            try {
                answer.complete(RawHttp.read(socket.getInputStream(), HELD_REQUEST));
            } catch (IOException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return new Held(socket, answer);
    }

    /** Waits, bounded, until this many of the connections have an answer (or have failed); returns those. */
    private static List<Held> awaitAnswered(List<Held> held, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<Held> answered = held.stream().filter(h -> h.answer().isDone()).toList();
            if (answered.size() >= count) {
                return answered;
            }
            Thread.sleep(20);
        }
        return fail("fewer than " + count + " of " + held.size() + " connections were answered within 30 s");
    }

    /** End of stream or a reset: either way the server closed it; a read timeout means it did not. */
    private static void assertClosedByServer(Socket socket) throws IOException {
        try {
            assertEquals(-1, socket.getInputStream().read(), "bytes instead of a closed connection");
        } catch (SocketTimeoutException stillOpen) {
            fail("still open after " + socket.getSoTimeout() + " ms");
        } catch (SocketException reset) {
            // closed with a reset
        }
    }

    /** The server frees a refused connection just after its answer: retry a few times, bounded. */
    private static int retryUntilServed(int port) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return RawHttp.exchange(port, RawHttp.request("GET", "/health", List.of(), null)).status();
            } catch (RawHttp.DroppedConnection stillFull) {
                if (attempt == 50) {
                    throw stillFull;
                }
                Thread.sleep(100);
            }
        }
    }
}
