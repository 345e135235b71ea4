package userapi.hardening;

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
 * The real build/user-api.jar as a child process in a scratch working directory, on a port the OS picks; for the
 * behaviour only a real process shows (JDK limits given with -D, SIGTERM, log files). Always close it.
 */
final class RunningJar implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path workingDirectory;
    private final Path console;
    private final int port;

    private RunningJar(Process process, Path workingDirectory, Path console, int port) {
        this.process = process;
        this.workingDirectory = workingDirectory;
        this.console = console;
        this.port = port;
    }

    /** Starts {@code java <jvmOptions> -jar user-api.jar} in the directory with PORT=0 and fast hashing unless overridden. */
    static RunningJar start(Path workingDirectory, List<String> jvmOptions, Map<String, String> env)
            throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("userapi.jar", "build/user-api.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar + ": run the tests with `make test`, which builds it");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        Path console = workingDirectory.resolve("console.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        builder.environment().keySet().removeIf(name -> name.equals("HOST") || name.equals("BLOCKED_EMAIL_DOMAINS"));
        builder.environment().put("PORT", "0");
        builder.environment().put("PASSWORD_HASH_ITERATIONS", "1000");
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            int port = awaitPort(process, console);
            return new RunningJar(process, workingDirectory, console, port);
        } catch (AssertionError | IOException | InterruptedException | RuntimeException e) {
            destroy(process);
            throw e;
        }
    }

    private static int awaitPort(Process process, Path console) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(read(console));
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            if (!process.isAlive()) {
                fail("the jar exited with " + process.exitValue() + " before listening:\n" + read(console));
            }
            Thread.sleep(50);
        }
        return fail("the jar did not report its port within " + START_TIMEOUT + ":\n" + read(console));
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    /** Everything the process wrote to stdout and stderr so far. */
    String console() throws IOException {
        return read(console);
    }

    /** The text of logs/app.0.log, or "" while there is none. */
    String logFile() throws IOException {
        Path log = workingDirectory.resolve("logs").resolve("app.0.log");
        return Files.isRegularFile(log) ? read(log) : "";
    }

    /** Polls a text source until it satisfies the condition or the time is up; returns the last text seen. */
    static String await(TextSource source, Predicate<String> condition, Duration timeout)
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
    interface TextSource {
        String read() throws IOException;
    }

    @Override
    public void close() {
        destroy(process);
    }

    private static void destroy(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) throws IOException {
        // decoded leniently: the file may end in the middle of a character that is still being written
        return Files.isRegularFile(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    }
}
