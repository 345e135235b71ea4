package userapi.limits;

import userapi.hardening.RawHttp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import userapi.testing.RunningApp;
import userapi.testing.RunningJar;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static userapi.hardening.Problems.assertProblem;

/**
 * The server limits, configured on purpose: an over-long URI is 414 and an oversized header section 431, with a
 * problem+json body, below the JDK's own hard caps; the JDK properties carry our values unless given with -D;
 * the cap on open connections holds. Main sets the JDK properties (JVM-wide, read once), so they are checked on the
 * real jar, whatever other server this test JVM started first.
 */
class ServerLimitsTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class In_process {
        private RunningApp app;

        @BeforeAll
        void start() throws IOException {
            app = RunningApp.start(1000);
        }

        @AfterAll
        void stop() {
            app.close();
        }

        @Test
        void answers_an_over_long_uri_with_414() throws IOException {
            String target = "/users/" + "a".repeat(ServerLimits.MAX_URI_LENGTH);
            JsonNode problem = assertProblem(get(target, List.of()), 414, "URI_TOO_LONG");
            assertTrue(problem.path("detail").asString().contains("8192"), problem.toString());
        }

        @Test
        void counts_the_query_in_the_uri_length() throws IOException {
            assertProblem(get("/users?limit=" + "1".repeat(ServerLimits.MAX_URI_LENGTH), List.of()), 414, "URI_TOO_LONG");
        }

        @Test
        void serves_a_uri_just_within_the_limit() throws IOException {
            String target = "/health?" + "a".repeat(ServerLimits.MAX_URI_LENGTH - "/health?".length());
            assertEquals(200, get(target, List.of()).status());
        }

        @Test
        void answers_more_than_100_header_fields_with_431() throws IOException {
            // RawHttp sends Host and Connection itself: 2 + 99 = 101 fields
            assertProblem(get("/health", numbered(99, "v")), 431, "REQUEST_HEADER_FIELDS_TOO_LARGE");
        }

        @Test
        void serves_100_header_fields() throws IOException {
            assertEquals(200, get("/health", numbered(98, "v")).status());
        }

        @Test
        void answers_more_than_16_kib_of_header_fields_with_431() throws IOException {
            assertProblem(get("/health", List.of("X-A: " + "a".repeat(9_000), "X-B: " + "b".repeat(9_000))),
                    431, "REQUEST_HEADER_FIELDS_TOO_LARGE");
            assertProblem(get("/health", numbered(90, "v".repeat(200))), 431, "REQUEST_HEADER_FIELDS_TOO_LARGE");
        }

        @Test
        void serves_header_fields_just_within_16_kib() throws IOException {
            assertEquals(200, get("/health", List.of("X-A: " + "a".repeat(15_000))).status());
        }

        /**
         * Past the JDK's hard caps (200 fields, 64 KiB of request line and headers) the JDK itself closes the
         * connection before any filter runs: no status can be sent from the app. The server must stay healthy.
         */
        @Test
        void keeps_serving_after_requests_past_the_jdk_hard_caps() throws IOException {
            List<byte[]> hostile = List.of(
                    RawHttp.request("GET", "/health", numbered(250, "v"), null),
                    RawHttp.request("GET", "/health", List.of("X-Big: " + "a".repeat(70_000)), null),
                    RawHttp.request("GET", "/" + "a".repeat(70_000), List.of(), null));
            for (byte[] request : hostile) {
                try {
                    int status = RawHttp.exchange(app.port(), request).status();
                    assertTrue(status == 414 || status == 431, "if answered at all, then with 414 or 431: " + status);
                } catch (RawHttp.DroppedConnection closedByTheJdk) {
                    // the documented JDK behaviour at its hard caps
                }
            }
            assertEquals(200, get("/health", List.of()).status());
        }

        private RawHttp.Response get(String target, List<String> headers) throws IOException {
            return RawHttp.exchange(app.port(), RawHttp.request("GET", target, headers, null));
        }
    }

    /** The real jar, where a -D on the command line must win over our value. */
    @Nested
    class Real_jar {
        @TempDir
        Path workingDirectory;

        @Test
        @Timeout(value = 90, unit = TimeUnit.SECONDS)
        void a_limit_given_with_minus_d_wins_and_the_connection_cap_holds() throws Exception {
            int cap = 4;
            try (RunningJar jar = RunningJar.start(workingDirectory,
                    List.of("-Djdk.httpserver.maxConnections=" + cap), Map.of())) {
                List<Socket> open = new ArrayList<>();
                try {
                    for (int i = 0; i < cap; i++) {
                        open.add(keepAliveHealth(jar.port()));
                    }
                    assertThrows(RawHttp.DroppedConnection.class, () -> RawHttp.exchange(jar.port(),
                            RawHttp.request("GET", "/health", List.of(), null)), "connection " + (cap + 1) + " is refused");

                    open.removeFirst().close();
                    assertEquals(200, retryUntilServed(jar.port()), "served again once a connection is freed");
                } finally {
                    for (Socket socket : open) {
                        socket.close();
                    }
                }
                assertJdkProperty(jar, "jdk.httpserver.maxConnections", String.valueOf(cap));
                for (Map.Entry<String, String> ours : ServerLimits.JDK_PROPERTIES.entrySet()) {
                    if (!ours.getKey().equals("jdk.httpserver.maxConnections")) { // Main sets every other limit itself
                        assertJdkProperty(jar, ours.getKey(), ours.getValue());
                    }
                }
            }
        }

        /**
         * Idle connections are closed after the idle interval: one that was served and stays open (keep-alive), and
         * one that never sends a byte (which the JDK closes after the lesser of idle interval and maxReqTime).
         * The JDK's idle timer ticks every 10 s by default; clockTick makes it tick faster for this test.
         */
        @Test
        @Timeout(value = 90, unit = TimeUnit.SECONDS)
        void closes_idle_connections_after_the_idle_interval() throws Exception {
            try (RunningJar jar = RunningJar.start(workingDirectory,
                    List.of("-Dsun.net.httpserver.idleInterval=2", "-Dsun.net.httpserver.clockTick=500"), Map.of());
                 Socket served = keepAliveHealth(jar.port());
                 Socket silent = RawHttp.connect(jar.port())) {
                long start = System.nanoTime();
                served.setSoTimeout(20_000);
                silent.setSoTimeout(20_000);
                assertClosedByServer(served, "the idle keep-alive connection");
                assertClosedByServer(silent, "the connection that sent nothing");
                System.out.printf("ServerLimitsTest: idle connections closed %d ms after the start of the wait "
                        + "(idleInterval 2 s, clockTick 0.5 s)%n", (System.nanoTime() - start) / 1_000_000);
            }
        }

        /** End of stream or a reset: either way the server closed it; a read timeout means it did not. */
        private void assertClosedByServer(Socket socket, String which) throws IOException {
            try {
                assertEquals(-1, socket.getInputStream().read(), which + " got bytes instead of being closed");
            } catch (java.net.SocketTimeoutException stillOpen) {
                fail(which + " was still open after " + socket.getSoTimeout() + " ms");
            } catch (java.net.SocketException reset) {
                // closed with a reset
            }
        }

        /** A connection that has been served once and stays open (keep-alive), so it counts against the cap. */
        private Socket keepAliveHealth(int port) throws IOException {
            Socket socket = RawHttp.connect(port);
            OutputStream out = socket.getOutputStream();
            byte[] request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            out.write(request);
            out.flush();
            assertEquals(200, RawHttp.read(socket.getInputStream(), request).status());
            return socket;
        }

        /** The server notices the freed connection asynchronously: retry a few times, bounded. */
        private int retryUntilServed(int port) throws Exception {
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

        /** Reads a system property of the running jar with jcmd, when this JDK has it. */
        private void assertJdkProperty(RunningJar jar, String name, String expected) throws Exception {
            Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
            assumeTrue(Files.isExecutable(jcmd), "no jcmd next to " + jcmd.getParent());
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(jar.process().pid()), "VM.system_properties")
                    .redirectErrorStream(true).start();
            String properties = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertTrue(properties.lines().anyMatch(line -> line.equals(name + "=" + expected)),
                    name + "=" + expected + " expected in:\n" + properties);
        }
    }

    private static List<String> numbered(int count, String value) {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            headers.add("X-Header-" + i + ": " + value);
        }
        return headers;
    }
}
