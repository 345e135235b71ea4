package userapi;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real build/user-api.jar (made by `make test`, named by -Duserapi.jar) running in a child JVM in a working
 * directory of the test's choosing, on a free port, with fast password hashing. Talks HTTP to it on 127.0.0.1.
 */
final class JarProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger RUNS = new AtomicInteger();

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private final Process process;
    private final Path output;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private JarProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** Starts the jar and waits until it listens; fails the test with the jar's output if it does not. */
    static JarProcess start(Path workingDirectory, Map<String, String> environment) throws IOException, InterruptedException {
        Path output = workingDirectory.resolve("console-" + RUNS.incrementAndGet() + ".txt");
        Process process = launch(workingDirectory, environment, output);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.readString(output, StandardCharsets.UTF_8));
            if (listening.find()) {
                return new JarProcess(process, output, Integer.parseInt(listening.group(1)));
            }
            if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                fail("the jar exited with " + process.exitValue() + " before listening:\n" + Files.readString(output));
            }
        }
        process.destroyForcibly().waitFor();
        return fail("the jar did not listen within " + START_LIMIT + ":\n" + Files.readString(output));
    }

    /** Runs the jar until it exits by itself (a start that must fail); its exit code and its output. */
    static Map.Entry<Integer, String> runUntilExit(Path workingDirectory, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path output = workingDirectory.resolve("console-" + RUNS.incrementAndGet() + ".txt");
        Process process = launch(workingDirectory, environment, output);
        if (!process.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("the jar was expected to stop by itself but still ran after " + START_LIMIT + ":\n" + Files.readString(output));
        }
        return Map.entry(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static Process launch(Path workingDirectory, Map<String, String> environment, Path output) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow(); // the JVM running these tests
        // C1 only and the serial collector: the child serves a handful of requests, so it should start fast.
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar().toString())
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        List.of("DATABASE_URL", "HOST", "PORT", "BLOCKED_EMAIL_DOMAINS").forEach(env::remove);
        env.put("PORT", "0");
        env.put("PASSWORD_HASH_ITERATIONS", "1000");
        env.putAll(environment);
        return builder.start();
    }

    static Path jar() {
        String property = System.getProperty("userapi.jar");
        if (property == null) {
            return fail("-Duserapi.jar is not set: run these tests with `make test`, which builds the jar first");
        }
        Path jar = Path.of(property);
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar + ": run `make jar`");
        return jar;
    }

    int port() {
        return port;
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** POST /users; fails the test unless the answer is 201; returns the new user's id. */
    String createUser(String name, String email) throws IOException, InterruptedException {
        Reply reply = post("/users", "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"password\":\"correct horse\"}");
        if (reply.status() != 201) {
            fail("POST /users answered " + reply.status() + ": " + reply.raw().body());
        }
        return reply.body().get("id").asString();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Reply(response.statusCode(), body, response);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM: the shutdown hook closes the server and the database. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("the jar did not stop within 30 s of SIGTERM");
        }
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
