package userapi.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real build/user-api.jar (named by -Duserapi.jar, built by `make test`) in a child JVM in a working directory of
 * the test's choosing, on a port the OS picks, with fast hashing unless overridden, and a client; always close it.
 */
public final class RunningJar extends HttpTarget {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final Path console;
    private final int port;

    private RunningJar(Process process, Path workingDirectory, Map<String, String> environment, Path console, int port) {
        this.process = process;
        this.workingDirectory = workingDirectory;
        this.environment = environment;
        this.console = console;
        this.port = port;
    }

    public static RunningJar start(Path workingDirectory, Map<String, String> environment)
            throws IOException, InterruptedException {
        return start(workingDirectory, List.of(), environment);
    }

    /** Starts {@code java <jvmOptions> -jar user-api.jar} and waits until it listens; fails with its output if it does not. */
    public static RunningJar start(Path workingDirectory, List<String> jvmOptions, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path console = newConsole(workingDirectory);
        Process process = launch(workingDirectory, jvmOptions, environment, console, List.of());
        try {
            return new RunningJar(process, workingDirectory, Map.copyOf(environment), console, awaitPort(process, console));
        } catch (AssertionError | IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Runs the jar until it exits by itself (a start that must fail); its exit code and its output. */
    public static Map.Entry<Integer, String> runUntilExit(Path workingDirectory, Map<String, String> environment)
            throws IOException, InterruptedException {
        return runUntilExit(workingDirectory, environment, List.of());
    }

    /** Runs {@code java -jar user-api.jar ARGS} (the admin command) until it exits; its exit code and its output. */
    public static Map.Entry<Integer, String> runUntilExit(Path workingDirectory, Map<String, String> environment,
                                                         List<String> args) throws IOException, InterruptedException {
        Path console = newConsole(workingDirectory);
        Process process = launch(workingDirectory, List.of(), environment, console, args);
        if (!process.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("the jar was expected to stop by itself but still ran after " + START_LIMIT + ":\n" + read(console));
        }
        return Map.entry(process.exitValue(), read(console));
    }

    /** One file per run: a test may start the jar again in the same directory. */
    private static Path newConsole(Path workingDirectory) throws IOException {
        return Files.createTempFile(workingDirectory, "console-", ".txt");
    }

    private static Process launch(Path workingDirectory, List<String> jvmOptions, Map<String, String> environment,
                                  Path console, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow()); // the JVM running these tests
        // C1 only and the serial collector: the child serves a handful of requests, so it should start fast.
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        Map<String, String> env = builder.environment();
        List.of("DATABASE_URL", "HOST", "PORT", "BLOCKED_EMAIL_DOMAINS").forEach(env::remove);
        env.put("PORT", "0");
        env.put("PASSWORD_HASH_ITERATIONS", "1000");
        env.put("SHUTDOWN_DRAIN_SECONDS", "0"); // a test that wants a drain sets it
        env.putAll(environment);
        return builder.start();
    }

    private static int awaitPort(Process process, Path console) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(read(console));
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
                fail("the jar exited with " + process.exitValue() + " before listening:\n" + read(console));
            }
        }
        return fail("the jar did not listen within " + START_LIMIT + ":\n" + read(console));
    }

    public static Path jar() {
        String property = System.getProperty("userapi.jar");
        if (property == null) {
            return fail("-Duserapi.jar is not set: run these tests with `make test`, which builds the jar first");
        }
        Path jar = Path.of(property).toAbsolutePath(); // the child runs in another directory
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar + ": run `make jar`");
        return jar;
    }

    @Override
    public int port() {
        return port;
    }

    /** Through the real admin command, {@code java -jar user-api.jar promote EMAIL}, on this server's database. */
    @Override
    public void promote(String email) throws IOException, InterruptedException {
        adminCommand("promote", email);
    }

    /** Through the real admin command, {@code java -jar user-api.jar demote EMAIL}, on this server's database. */
    public void demote(String email) throws IOException, InterruptedException {
        adminCommand("demote", email);
    }

    /** Runs the admin command on this server's database; fails the test unless it exits with 0. */
    private void adminCommand(String command, String email) throws IOException, InterruptedException {
        Map.Entry<Integer, String> run = runUntilExit(workingDirectory, environment, List.of(command, email));
        if (run.getKey() != 0) {
            fail(command + " " + email + " exited with " + run.getKey() + ": " + run.getValue());
        }
    }

    /** For a SIGTERM the test waits on itself, its exit code, its pid. */
    public Process process() {
        return process;
    }

    /** Everything the process wrote to stdout and stderr so far. */
    public String console() throws IOException {
        return read(console);
    }

    /** The text of logs/app.0.log, or "" while there is none. */
    public String logFile() throws IOException {
        return read(workingDirectory.resolve("logs").resolve("app.0.log"));
    }

    /** Polls a text source until it satisfies the condition or the time is up; returns the last text seen. */
    public static String await(TextSource source, Predicate<String> condition, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = source.read();
        while (!condition.test(text) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            text = source.read();
        }
        return text;
    }

    /** Some text that grows: a log file, the console. */
    @FunctionalInterface
    public interface TextSource {
        String read() throws IOException;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM: the shutdown hook closes the server and the database; fails the test unless it exits within 30 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("the jar did not stop within 30 s of SIGTERM");
        }
    }

    /** SIGKILL if still running (a test that wants a clean stop calls stop()), then the client. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.close();
    }

    private static String read(Path file) throws IOException {
        // decoded leniently: the file may end in the middle of a character that is still being written
        return Files.isRegularFile(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    }
}
