package userapi;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.testing.Chromium;
import userapi.testing.RunningApp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real browser across origins: a page served from a second local origin (another port) calls the API with fetch
 * and a bearer token, which makes Chromium send a preflight first. The page reads the answer when its origin is in
 * CORS_ORIGINS, and is blocked when it is not (here: the same port named as localhost, a different origin).
 * Without chromium this test fails (CI installs it in .ci/run); SKIP_BROWSER_TESTS=1 skips it on purpose.
 */
class CorsInBrowserTest {
    private static final Duration BROWSER_LIMIT = Duration.ofSeconds(60);
    private static final String EMAIL = "ada@example.com";
    private static final String PASSWORD = "correct horse";

    @Test
    void a_page_from_an_allowed_origin_reads_the_answer(@TempDir Path dir) throws Exception {
        String dom = pageAfterFetch(dir, port -> "http://127.0.0.1:" + port);

        assertTrue(dom.contains("read 200 " + EMAIL + " with its request id"), "the page could not read the answer:\n" + dom);
    }

    @Test
    void a_page_from_an_origin_not_in_the_list_is_blocked(@TempDir Path dir) throws Exception {
        String dom = pageAfterFetch(dir, port -> "http://localhost:" + port);

        assertTrue(dom.contains("blocked: TypeError"), "the page was not blocked:\n" + dom);
        assertTrue(!dom.contains(EMAIL), dom);
    }

    /** The origins CORS_ORIGINS names, given the page server's port. */
    private interface Allowed {
        String origin(int pagePort);
    }

    /**
     * Serves the page on 127.0.0.1 (a port of its own), starts the API with CORS_ORIGINS as allowed says, signs Ada
     * in, and returns the page's DOM once its fetch has ended.
     */
    private static String pageAfterFetch(Path dir, Allowed allowed) throws Exception {
        String chromium = Chromium.find();
        AtomicReference<byte[]> page = new AtomicReference<>(new byte[0]);
        HttpServer pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pages.createContext("/", exchange -> {
            byte[] body = page.get();
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        pages.start();
        int pagePort = pages.getAddress().getPort();
        try (RunningApp api = RunningApp.start(1000, Map.of("CORS_ORIGINS", allowed.origin(pagePort)))) {
            api.createUserId("Ada", EMAIL, PASSWORD);
            String token = api.logIn(EMAIL, PASSWORD);
            page.set(page("http://127.0.0.1:" + api.port() + "/users/me", token).getBytes(StandardCharsets.UTF_8));
            return dumpDom(chromium, dir, "http://127.0.0.1:" + pagePort + "/");
        } finally {
            pages.stop(0);
        }
    }

    /** A page whose script calls the API with a bearer token and writes what it could read into the DOM. */
    private static String page(String url, String token) {
        return """
                <!doctype html>
                <html><body><p id="result">pending</p>
                <script>
                fetch("%s", {headers: {"Authorization": "Bearer %s"}})
                  .then(response => response.json().then(user => "read " + response.status + " " + user.email
                      + (response.headers.get("X-Request-Id") ? " with its request id" : " without its request id")))
                  .catch(error => "blocked: " + error.name)
                  .then(text => { document.getElementById("result").textContent = text; });
                </script></body></html>
                """.formatted(url, token);
    }

    private static String dumpDom(String chromium, Path dir, String url) throws IOException, InterruptedException {
        Path stdout = dir.resolve("chromium-stdout.html");
        Path stderr = dir.resolve("chromium-stderr.txt");
        List<String> command = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--user-data-dir=" + dir.resolve("profile"),
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
                "--virtual-time-budget=10000", "--dump-dom", url);
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(BROWSER_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("chromium did not finish within " + BROWSER_LIMIT + ":\n" + Files.readString(stderr));
        }
        assertEquals(0, process.exitValue(), "chromium failed:\n" + Files.readString(stderr));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
