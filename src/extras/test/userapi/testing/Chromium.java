package userapi.testing;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.fail;

/** What the browser tests share: finding headless Chromium, and reading which URLs a page asked for from its network log. */
public final class Chromium {
    private Chromium() {
    }

    /** CHROMIUM, else chromium on PATH; missing fails loudly unless SKIP_BROWSER_TESTS=1 says to skip. */
    public static String find() {
        Optional<String> found = Optional.ofNullable(System.getenv("CHROMIUM")).or(() -> {
            for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                for (String name : List.of("chromium", "chromium-browser")) {
                    Path candidate = Path.of(directory, name);
                    if (Files.isExecutable(candidate)) {
                        return Optional.of(candidate.toString());
                    }
                }
            }
            return Optional.empty();
        });
        if (found.isEmpty()) {
            Assumptions.assumeFalse("1".equals(System.getenv("SKIP_BROWSER_TESTS")), "SKIP_BROWSER_TESTS=1: browser test skipped");
            fail("no chromium on PATH: install it (apt-get install chromium), set CHROMIUM=/path/to/it, "
                    + "or set SKIP_BROWSER_TESTS=1 to skip this test");
        }
        return found.get();
    }

    /**
     * Every request the page made (its navigation, and what it started), from Chromium's network log, each URL as
     * it went out: without its fragment, which the log keeps but a browser never sends.
     */
    public static List<String> pageRequests(Path netLog, String origin) throws IOException {
        JsonNode log = JsonMapper.builder().build().readTree(Files.readString(netLog, StandardCharsets.UTF_8));
        JsonNode types = log.get("constants").get("logEventTypes");
        int startJob = types.get("URL_REQUEST_START_JOB").asInt();
        TreeSet<String> urls = new TreeSet<>();
        for (JsonNode event : log.get("events")) {
            JsonNode params = event.path("params");
            if (event.get("type").asInt() != startJob || !params.has("url")) {
                continue;
            }
            String initiator = params.path("initiator").asString("");
            String isolation = params.path("network_isolation_key").asString("");
            // the browser's own background traffic has another or no isolation key; the page's is its origin's
            if (initiator.startsWith(origin) || isolation.contains("127.0.0.1") || params.path("request_type").asString("").equals("main frame")) {
                urls.add(params.get("url").asString().split("#", 2)[0]);
            }
        }
        return List.copyOf(urls);
    }
}
