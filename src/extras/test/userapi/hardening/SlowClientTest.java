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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 200 connections that trickle a request byte by byte do not stall anyone else, and the server cuts each off
 * at its request time limit (sun.net.httpserver.maxReqTime, set low here with -D on the real jar).
 */
class SlowClientTest {
    private static final int SLOW_CLIENTS = 200;
    private static final int MAX_REQ_TIME_SECONDS = 3;
    /** Generous: the limit plus the JDK's 1 s timer tick plus a noisy shared machine. */
    private static final Duration CUT_OFF_BOUND = Duration.ofSeconds(15);
    private static final Duration HEALTH_BOUND = Duration.ofSeconds(10);
    private static final Duration TRICKLE_INTERVAL = Duration.ofMillis(100);

    /** What happened to one slow client. */
    private record Trickle(long cutOffAfterMillis, int bytesSent, int bytesAnswered) {
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void trickling_clients_do_not_stall_health_and_are_cut_off_at_the_time_limit(@TempDir Path workingDirectory)
            throws Exception {
        try (RunningJar jar = RunningJar.start(workingDirectory,
                List.of("-Dsun.net.httpserver.maxReqTime=" + MAX_REQ_TIME_SECONDS), Map.of());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            CountDownLatch started = new CountDownLatch(SLOW_CLIENTS);
            AtomicInteger open = new AtomicInteger();
            List<Future<Trickle>> slow = new ArrayList<>();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                slow.add(threads.submit(() -> trickle(jar.port(), started, open)));
            }
            assertTrue(started.await(60, TimeUnit.SECONDS), "all slow clients connected and sent a first byte");

            List<Long> healthMillis = new ArrayList<>();
            int probesWhileHanging = 0;
            for (int probe = 0; probe < 10; probe++) {
                int openBefore = open.get();
                long start = System.nanoTime();
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + jar.port() + "/health")).timeout(HEALTH_BOUND).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                healthMillis.add((System.nanoTime() - start) / 1_000_000);
                assertEquals(200, health.statusCode(), health.body());
                if (openBefore > 0 && open.get() > 0) {
                    probesWhileHanging++;
                }
                Thread.sleep(200);
            }
            assertTrue(probesWhileHanging > 0, "at least one /health was answered while slow clients hung");

            List<Long> cutOff = new ArrayList<>();
            for (Future<Trickle> result : slow) {
                Trickle trickle = result.get(CUT_OFF_BOUND.toSeconds() + 30, TimeUnit.SECONDS);
                assertEquals(0, trickle.bytesAnswered(), "the JDK cuts a slow request off without an answer");
                assertTrue(trickle.bytesSent() > 1, "the client trickled for a while before it was cut off");
                cutOff.add(trickle.cutOffAfterMillis());
            }
            Collections.sort(cutOff);
            System.out.printf("SlowClientTest: %d slow clients cut off after %d..%d ms (median %d, maxReqTime %d s); "
                            + "/health answered in %s ms, %d probes while they hung%n",
                    SLOW_CLIENTS, cutOff.getFirst(), cutOff.getLast(), cutOff.get(cutOff.size() / 2),
                    MAX_REQ_TIME_SECONDS, healthMillis, probesWhileHanging);
        }
    }

    /**
     * Sends a request head one byte every TRICKLE_INTERVAL and never finishes it; between bytes it waits in a read
     * with a timeout, so it notices at once when the server closes (-1) or resets the connection.
     */
    private static Trickle trickle(int port, CountDownLatch started, AtomicInteger open) throws IOException {
        byte[] head = ("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").getBytes(StandardCharsets.ISO_8859_1);
        long deadline = System.nanoTime() + CUT_OFF_BOUND.toNanos();
        try (Socket socket = RawHttp.connect(port)) {
            socket.setSoTimeout((int) TRICKLE_INTERVAL.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            int sent = 0;
            int answered = 0;
            long start = System.nanoTime();
            open.incrementAndGet();
            try {
                while (System.nanoTime() < deadline) {
                    try {
                        out.write(sent < head.length ? head[sent] : 'a');
                        out.flush();
                        sent++;
                        if (sent == 1) {
                            started.countDown();
                        }
                    } catch (SocketException writeAfterClose) {
                        return new Trickle((System.nanoTime() - start) / 1_000_000, sent, answered);
                    }
                    try {
                        int b = in.read();
                        if (b == -1) {
                            return new Trickle((System.nanoTime() - start) / 1_000_000, sent, answered);
                        }
                        answered++;
                    } catch (SocketTimeoutException stillOpen) {
                        // the server is still waiting for the rest: send the next byte
                    } catch (SocketException reset) {
                        return new Trickle((System.nanoTime() - start) / 1_000_000, sent, answered);
                    }
                }
            } finally {
                open.decrementAndGet();
            }
            throw new AssertionError("a slow client was still connected after " + CUT_OFF_BOUND + " (" + sent + " bytes sent)");
        }
    }
}
