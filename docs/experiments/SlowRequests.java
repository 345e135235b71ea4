import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A learner's experiment for "async def vs def" (docs/LEARN.md): the same slow handler (it sleeps, as a handler
 * waiting on a database does) served by the JDK's HttpServer three ways, each hit by the same burst of concurrent
 * requests:
 *   1. a virtual thread per request (what userapi does, App.java),
 *   2. a fixed pool of POOL (4) platform threads (a classic thread pool, like FastAPI's pool for plain `def`),
 *   3. a virtual thread per request whose handler sleeps inside `synchronized`: on JDK 21-23 that pins the
 *      virtual thread to its carrier, so only as many run at once as there are cores; JDK 24+ (JEP 491) does not.
 * Run it from the repository root with a JDK 21 or newer, no build needed:
 *   java docs/experiments/SlowRequests.java            (100 requests, each sleeping 200 ms)
 *   java docs/experiments/SlowRequests.java 200 100    (200 requests, each sleeping 100 ms)
 */
public class SlowRequests {
    /** The fixed pool's size: change it and run again. */
    static final int POOL = 4;

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Duration sleep = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 200);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("JDK %s, %d cores: %d concurrent requests, each handler sleeps %d ms%n",
                Runtime.version().feature(), cores, requests, sleep.toMillis());
        System.out.printf("(all at once would take about %d ms, %d at a time %d ms, %d at a time (one per core) %d ms)%n",
                sleep.toMillis(), POOL, wall(requests, POOL, sleep), cores, wall(requests, cores, sleep));
        run(null, Executors.newVirtualThreadPerTaskExecutor(), false, requests, sleep); // warm-up: JIT, first connections
        run("virtual thread per request", Executors.newVirtualThreadPerTaskExecutor(), false, requests, sleep);
        run("fixed pool of " + POOL + " threads", Executors.newFixedThreadPool(POOL), false, requests, sleep);
        run("virtual, sleeping in synchronized", Executors.newVirtualThreadPerTaskExecutor(), true, requests, sleep);
    }

    static void run(String name, ExecutorService serverThreads, boolean insideSynchronized, int requests,
                    Duration sleep) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), requests + 10);
        server.createContext("/", exchange -> {
            if (insideSynchronized) {
                Object lock = new Object(); // one per request: nobody waits for it, only the pinning counts
                synchronized (lock) {
                    pause(sleep);
                }
            } else {
                pause(sleep);
            }
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (exchange) {
                exchange.getResponseBody().write(body);
            }
        });
        server.setExecutor(serverThreads);
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(clients.submit(() -> client.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            int ok = 0;
            for (Future<Integer> answer : answers) {
                ok += answer.get() == 200 ? 1 : 0;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (name != null) {
                System.out.printf("%-35s %d x 200 OK in %5d ms%n", name + ":", ok, millis);
            }
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    /** How long the burst takes if only `atOnce` requests can sleep at the same time. */
    static long wall(int requests, int atOnce, Duration sleep) {
        return (requests + atOnce - 1) / atOnce * sleep.toMillis();
    }

    static void pause(Duration sleep) {
        try {
            Thread.sleep(sleep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
