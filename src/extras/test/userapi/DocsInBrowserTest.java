package userapi;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import userapi.testing.Chromium;
import userapi.testing.Reply;
import userapi.testing.RunningJar;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real browser: headless Chromium (Debian's chromium package) opens /docs of the real jar, and the page it
 * renders lists every operation of the document. Every name but 127.0.0.1 fails to resolve, and Chromium's own
 * network log shows that the page asked no other host for anything; no Content-Security-Policy violation either.
 * Without chromium this test fails (CI installs it in .ci/run); SKIP_BROWSER_TESTS=1 skips it on purpose.
 */
class DocsInBrowserTest {
    private static final Duration BROWSER_LIMIT = Duration.ofSeconds(120);

    @Test
    void chromium_renders_every_operation_from_this_server_alone(@TempDir Path dir) throws Exception {
        String chromium = Chromium.find();
        try (RunningJar jar = RunningJar.start(dir, Map.of("DATABASE_URL", "memory"))) {
            String origin = "http://127.0.0.1:" + jar.port();
            Reply document = jar.get("/openapi.json");
            assertEquals(200, document.status());
            Path netLog = dir.resolve("net-log.json");
            Path stderr = dir.resolve("chromium-stderr.txt");

            String dom = run(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--disable-extensions", "--user-data-dir=" + dir.resolve("profile"),
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--log-net-log=" + netLog,
                    "--enable-logging=stderr", "--v=0", "--virtual-time-budget=15000", "--dump-dom", origin + "/docs"),
                    dir, stderr);

            List<String> missing = new ArrayList<>();
            for (JsonNode item : document.json().get("paths").values()) {
                for (JsonNode operation : item.values()) {
                    String id = "operations-" + operation.get("tags").get(0).stringValue() + "-" + operation.get("operationId").stringValue();
                    if (!dom.contains("id=\"" + id + "\"")) {
                        missing.add(id);
                    }
                }
            }
            assertEquals(List.of(), missing, "operations not rendered; the page was:\n" + dom);
            List<String> pageRequests = Chromium.pageRequests(netLog, origin);
            assertTrue(pageRequests.contains(origin + "/openapi.json"), pageRequests.toString());
            assertTrue(pageRequests.stream().anyMatch(url -> url.startsWith(origin + "/docs/swagger-ui-bundle.js")), pageRequests.toString());
            for (String url : pageRequests) {
                assertTrue(url.startsWith(origin + "/"), "the page asked another host: " + url + " of " + pageRequests);
            }
            String log = Files.readString(stderr, StandardCharsets.UTF_8);
            assertTrue(!log.contains("Content Security Policy") && !log.contains("Refused to"),
                    "the page tried something its Content-Security-Policy forbids; chromium's log:\n" + log);
            String access = RunningJar.await(jar::logFile, text -> text.contains("GET /openapi.json 200"), Duration.ofSeconds(10));
            assertTrue(access.contains("GET /docs/swagger-ui-bundle.js 200"), access);
        }
    }


    private static String run(List<String> command, Path dir, Path stderr) throws IOException, InterruptedException {
        Path stdout = dir.resolve("chromium-stdout.html");
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
