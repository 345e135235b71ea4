package userapi.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests of LogSetup and of the logging it sets up: logs/ is created, the local logging.properties wins over the
 * copy in the jar, and the rotating FileHandler with LineFormatter keeps size-limited, whole-line files.
 * LogSetup resets the global LogManager, so every test puts the JDK's default configuration back afterwards.
 */
class LogSetupTest {
    private static final String PROBE = "userapi.logging.LogSetupTest.probe";

    /** Held strongly while a test runs: LogManager only keeps weak references to loggers. */
    private final Logger probe = Logger.getLogger(PROBE);

    @TempDir
    Path workingDirectory;

    @AfterEach
    void restoreDefaultLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    private void writeLocalConfiguration(String text) throws IOException {
        Files.writeString(workingDirectory.resolve("logging.properties"), text, StandardCharsets.UTF_8);
    }

    @Test
    void creates_the_logs_directory_in_the_working_directory() throws IOException {
        writeLocalConfiguration("handlers =\n");

        LogSetup.configure(workingDirectory);

        assertTrue(Files.isDirectory(workingDirectory.resolve("logs")));
    }

    @Test
    void keeps_an_existing_logs_directory_and_its_files() throws IOException {
        writeLocalConfiguration("handlers =\n");
        Path old = Files.createDirectories(workingDirectory.resolve("logs")).resolve("app.0.log");
        Files.writeString(old, "earlier run\n", StandardCharsets.UTF_8);

        LogSetup.configure(workingDirectory);

        assertEquals("earlier run\n", Files.readString(old, StandardCharsets.UTF_8));
    }

    @Test
    void reads_the_logging_properties_of_the_working_directory() throws IOException {
        writeLocalConfiguration("handlers =\n" + PROBE + ".level = FINEST\n");

        LogSetup.configure(workingDirectory);

        assertEquals(Level.FINEST, probe.getLevel());
    }

    @Test
    void falls_back_to_the_logging_properties_inside_the_jar() {
        LogSetup.configure(workingDirectory); // no logging.properties here

        // Only properties are looked at: the root handlers (and so logs/app.0.log) are created at the first record.
        LogManager manager = LogManager.getLogManager();
        assertEquals("logs/app.%g.log", manager.getProperty("java.util.logging.FileHandler.pattern"));
        assertEquals(Level.WARNING, Logger.getLogger("org.hibernate").getLevel());
        assertTrue(Files.isDirectory(workingDirectory.resolve("logs")));
    }

    @Test
    void falls_back_to_the_console_when_logs_cannot_be_a_directory() throws IOException {
        Files.writeString(workingDirectory.resolve("logs"), "a file in the way", StandardCharsets.UTF_8);

        LogSetup.configure(workingDirectory);

        List<String> handlers = Stream.of(Logger.getLogger("").getHandlers()).map(h -> h.getClass().getName()).toList();
        assertEquals(List.of(ConsoleHandler.class.getName()), handlers);
        assertEquals("a file in the way", Files.readString(workingDirectory.resolve("logs"), StandardCharsets.UTF_8));
    }

    @Test
    void ships_a_configuration_that_rotates_utf8_line_formatted_files_in_logs() throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = LogSetup.class.getResourceAsStream("/logging.properties")) {
            assertNotNull(in, "logging.properties is on the class path");
            shipped.load(in);
        }

        assertEquals("logs/app.%g.log", shipped.getProperty("java.util.logging.FileHandler.pattern"));
        assertEquals("10485760", shipped.getProperty("java.util.logging.FileHandler.limit"));
        assertEquals("5", shipped.getProperty("java.util.logging.FileHandler.count"));
        assertEquals("true", shipped.getProperty("java.util.logging.FileHandler.append"));
        assertEquals(ConsoleHandler.class.getName() + ", " + FileHandler.class.getName(), shipped.getProperty("handlers"));
        for (String handler : List.of(FileHandler.class.getName(), ConsoleHandler.class.getName())) {
            assertEquals(LineFormatter.class.getName(), shipped.getProperty(handler + ".formatter"), handler);
            assertEquals("UTF-8", shipped.getProperty(handler + ".encoding"), handler);
        }
    }

    @Test
    void rotates_files_by_size_keeping_count_files_of_whole_lines() throws IOException {
        int limit = 1024;
        Path logs = Files.createDirectories(workingDirectory.resolve("logs"));
        FileHandler handler = new FileHandler(logs.toString() + "/app.%g.log", limit, 3, false);
        handler.setEncoding("UTF-8");
        handler.setFormatter(new LineFormatter());
        LineFormatter formatter = new LineFormatter();
        int longestRecord = 0;
        List<String> lastLines = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                LogRecord record = new LogRecord(Level.INFO, "record " + i + " of the rotation test, 김민준 😀 " + "x".repeat(i % 7));
                record.setLoggerName("userapi.rotation");
                longestRecord = Math.max(longestRecord, formatter.format(record).getBytes(StandardCharsets.UTF_8).length);
                handler.publish(record);
                lastLines.add("record " + i + " ");
            }
        } finally {
            handler.close();
        }

        List<String> names;
        try (Stream<Path> files = Files.list(logs)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("app.0.log", "app.1.log", "app.2.log"), names, "three files, no lock file left behind");
        for (String name : names) {
            Path file = logs.resolve(name);
            long size = Files.size(file);
            assertTrue(size > 0 && size <= limit + longestRecord, name + " has " + size + " bytes");
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(text.endsWith(System.lineSeparator()), name + " ends with a whole line");
            for (String line : text.split(System.lineSeparator())) {
                assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO userapi.rotation \\[-] record \\d+ .*"),
                        name + ": " + line);
            }
        }
        assertTrue(Files.readString(logs.resolve("app.0.log"), StandardCharsets.UTF_8).contains(lastLines.getLast()),
                "the newest record is in app.0.log");
        assertFalse(Files.readString(logs.resolve("app.2.log"), StandardCharsets.UTF_8).contains("record 0 "),
                "the oldest records were rotated away");
    }

    @Test
    void refuses_a_level_name_that_java_util_logging_does_not_know() throws Exception {
        Class.forName("org.jboss.logging.JDKLevel", true, getClass().getClassLoader()); // registers a level "ERROR"
        writeLocalConfiguration("handlers =\n.level = INFO\nuserapi.level = ERROR\n");

        LogSetup.InvalidConfiguration refused = assertThrows(LogSetup.InvalidConfiguration.class,
                () -> LogSetup.configure(workingDirectory));

        assertTrue(refused.getMessage().contains("'userapi.level = ERROR'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("ERROR and CRITICAL are SEVERE"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), "one line");
    }

    @Test
    void accepts_every_java_util_logging_level_name_and_number() throws IOException {
        writeLocalConfiguration("handlers =\n.level = WARNING\na.level = SEVERE\nb.level = FINE\nc.level = 800\n"
                + "d.level = OFF\n");

        LogSetup.configure(workingDirectory);

        assertEquals(Level.WARNING, Logger.getLogger("").getLevel());
        assertEquals(Level.FINE, Logger.getLogger("b").getLevel());
    }
}
