package userapi.hardening;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import userapi.testing.RunningJar;
import userapi.testing.TestDatabase;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * DATABASE_PASSWORD_FILE on the real jar: the password reaches the database server, yet it appears neither in `ps`
 * (arguments and environment), nor in the console, the log file or /metrics, whether the server refuses it or not.
 */
class DatabasePasswordTest {
    private final String secret = "pw-" + UUID.randomUUID();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_refused_password_from_the_file_reaches_the_server_but_never_ps_the_console_or_the_log(@TempDir Path dir)
            throws Exception {
        try (PasswordCatchingServer database = new PasswordCatchingServer()) {
            Path console = dir.resolve("console.txt");
            Process jar = launch(dir, console, Map.of(
                    "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + database.port() + "/users?user=app",
                    "DATABASE_PASSWORD_FILE", writeSecret(dir).toString()));
            try {
                String received = database.passwords.poll(60, TimeUnit.SECONDS);
                assertEquals(secret, received, "the server got the password of the file");

                // The jar waits on our answer now: it is certainly running while ps looks at it.
                String everyProcess = run("ps", "-eww", "-o", "pid=,args=");
                String withEnvironment = run("ps", "eww", "-o", "pid=,args=", "-p", Long.toString(jar.pid()));
                assertTrue(everyProcess.contains(Long.toString(jar.pid())), "ps saw the jar:\n" + everyProcess);
                assertTrue(withEnvironment.contains("DATABASE_PASSWORD_FILE="), "ps showed its environment:\n" + withEnvironment);
                assertFalse(everyProcess.contains(secret), "the password is in ps' arguments");
                assertFalse(withEnvironment.contains(secret), "the password is in ps' environment");
            } finally {
                database.refuse.countDown();
            }
            assertTrue(jar.waitFor(60, TimeUnit.SECONDS), "the jar stops when the database refuses it");
            assertEquals(1, jar.exitValue());
            String output = Files.readString(console, StandardCharsets.UTF_8);
            assertTrue(output.contains("cannot start"), output);
            assertFalse(output.contains(secret), "the password is in the console:\n" + output);
            assertFalse(logFile(dir).contains(secret), "the password is in the log file");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void with_a_postgresql_that_accepts_us_the_password_is_in_neither_ps_the_log_nor_the_metrics(@TempDir Path dir) throws Exception {
        assumeTrue(TestDatabase.url() != null, TestDatabase.VARIABLE + " is not set: no PostgreSQL to test against");
        TestDatabase.Schema schema = TestDatabase.createSchema();
        try (RunningJar jar = RunningJar.start(dir, Map.of("DATABASE_URL", schema.url(),
                "DATABASE_PASSWORD_FILE", writeSecret(dir).toString()))) {
            assertEquals(200, jar.get("/health/ready").status());
            assertEquals(201, jar.post("/users", jar.userJson("Ada", "ada@example.com", "correct horse")).status());
            String metrics = jar.get("/metrics").body();
            assertTrue(metrics.contains("userapi_db_pool_active_connections"), metrics);
            assertFalse(metrics.contains(secret), "the password is in /metrics");

            String everyProcess = run("ps", "-eww", "-o", "pid=,args=");
            String withEnvironment = run("ps", "eww", "-o", "pid=,args=", "-p", Long.toString(jar.process().pid()));
            assertTrue(withEnvironment.contains("DATABASE_PASSWORD_FILE="), withEnvironment);
            assertFalse(everyProcess.contains(secret), "the password is in ps' arguments");
            assertFalse(withEnvironment.contains(secret), "the password is in ps' environment");
            jar.stop();
            assertFalse(jar.console().contains(secret), "the password is in the console");
            String log = jar.logFile();
            assertTrue(log.contains("POST /users 201"), log);
            assertFalse(log.contains(secret), "the password is in the log file");
        } finally {
            schema.drop();
        }
    }

    private Path writeSecret(Path dir) throws IOException {
        return Files.writeString(dir.resolve("db-password"), secret + "\n", StandardCharsets.UTF_8);
    }

    /** The jar, not waited on: it will not listen, since the database refuses it. */
    private static Process launch(Path dir, Path console, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", RunningJar.jar().toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("DATABASE_"));
        builder.environment().putAll(Map.of("PORT", "0", "PASSWORD_HASH_ITERATIONS", "1000", "SHUTDOWN_DRAIN_SECONDS", "0"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static String logFile(Path dir) throws IOException {
        Path log = dir.resolve("logs").resolve("app.0.log");
        return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
        return output;
    }

    /**
     * Just enough of PostgreSQL's wire protocol (v3) to ask a client for a cleartext password, note it, wait for
     * the test's go, then refuse it as a real server refuses a wrong password (SQLSTATE 28P01).
     */
    private static final class PasswordCatchingServer implements AutoCloseable {
        private static final int SSL_REQUEST = 80877103;
        private static final int GSS_REQUEST = 80877104;

        final BlockingQueue<String> passwords = new LinkedBlockingQueue<>();
        final CountDownLatch refuse = new CountDownLatch(1);
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> clients = new ArrayList<>();

        PasswordCatchingServer() throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        synchronized (clients) {
                            clients.add(client);
                        }
                        Thread.ofVirtual().start(() -> serve(client));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve(Socket client) {
            try (client) {
                DataInputStream in = new DataInputStream(client.getInputStream());
                DataOutputStream out = new DataOutputStream(client.getOutputStream());
                while (true) { // SSL or GSS encryption asked first: say no, then the real startup message follows
                    int length = in.readInt();
                    int code = in.readInt();
                    if (code == SSL_REQUEST || code == GSS_REQUEST) {
                        out.write('N');
                        out.flush();
                        continue;
                    }
                    in.readNBytes(length - 8); // user, database and other parameters
                    break;
                }
                out.write('R');
                out.writeInt(8);
                out.writeInt(3); // AuthenticationCleartextPassword
                out.flush();
                if (in.read() != 'p') {
                    return;
                }
                byte[] message = in.readNBytes(in.readInt() - 4);
                passwords.add(new String(message, 0, message.length - 1, StandardCharsets.UTF_8)); // ends with NUL
                refuse.await(60, TimeUnit.SECONDS);
                byte[] fields = ("SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user \"app\"\0\0")
                        .getBytes(StandardCharsets.UTF_8);
                out.write('E');
                out.writeInt(4 + fields.length);
                out.write(fields);
                out.flush();
            } catch (IOException | InterruptedException gone) {
                // the client gave up, or the test ended
            }
        }

        @Override
        public void close() throws IOException {
            refuse.countDown();
            socket.close();
            synchronized (clients) {
                for (Socket client : clients) {
                    client.close();
                }
            }
        }
    }

}
