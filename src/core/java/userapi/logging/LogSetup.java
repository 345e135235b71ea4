package userapi.logging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.logging.ConsoleHandler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Configures java.util.logging from ./logging.properties, or from the copy inside the jar when the working
 * directory has none. If logs/ cannot be written, it logs to the console only and says so once.
 */
public final class LogSetup {
    private LogSetup() {
    }

    /**
     * Makes ShutdownSafeLogManager the LogManager. Must run before anything touches java.util.logging, and must
     * not name that class as a class: initialising it would initialise LogManager, which reads this property.
     */
    public static void useShutdownSafeManager() {
        System.setProperty("java.util.logging.manager", "userapi.logging.ShutdownSafeLogManager");
        System.setProperty("org.jboss.logging.provider", "jdk"); // Hibernate Validator's logging: straight to JUL
    }

    /** Flushes and closes every handler: the last step of shutdown. */
    public static void closeHandlers() {
        if (LogManager.getLogManager() instanceof ShutdownSafeLogManager manager) {
            manager.resetNow();
        }
    }

    /** Thrown for a logging.properties the JDK would half-ignore; its message is one line for the operator. */
    public static final class InvalidConfiguration extends RuntimeException {
        InvalidConfiguration(String message) {
            super(message);
        }
    }

    /** @throws InvalidConfiguration when a level is not one of java.util.logging's names (e.g. Python's ERROR) */
    public static void configure(Path workingDirectory) {
        Properties config = load(workingDirectory.resolve("logging.properties"));
        checkLevels(config);
        Path logs = workingDirectory.resolve("logs");
        String problem = probeWritable(logs);
        if (problem != null) {
            config.setProperty("handlers", ConsoleHandler.class.getName());
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            config.store(bytes, null);
            LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not configure logging: " + e.getMessage(), e);
        }
        if (problem != null) {
            Logger.getLogger(LogSetup.class.getName()).warning("cannot write log files in " + logs.toAbsolutePath()
                    + " (" + problem + "): logging to the console only");
        }
    }

    /**
     * java.util.logging's own names. Not Level.parse: a library may register levels of its own (jboss-logging
     * adds ERROR, once loaded), and whether a name is accepted must not depend on which classes ran first.
     */
    private static final Set<String> JDK_LEVELS =
            Set.of("OFF", "SEVERE", "WARNING", "INFO", "CONFIG", "FINE", "FINER", "FINEST", "ALL");

    /**
     * The JDK ignores a level name it does not know (it prints a note on stderr and keeps the old level), so a
     * learner's "ERROR" would silently leave INFO on. We refuse to start instead, and say what to write.
     */
    static void checkLevels(Properties config) {
        for (String key : config.stringPropertyNames()) {
            if (!key.equals("level") && !key.endsWith(".level")) {
                continue;
            }
            String value = config.getProperty(key).strip();
            if (!JDK_LEVELS.contains(value) && !value.matches("-?\\d{1,10}")) {
                throw new InvalidConfiguration("logging.properties: '" + key + " = " + value + "' is not a level of"
                        + " java.util.logging; use SEVERE, WARNING, INFO, CONFIG, FINE, FINER, FINEST, ALL or OFF"
                        + " (Python's ERROR and CRITICAL are SEVERE, DEBUG is FINE)");
            }
        }
    }

    private static Properties load(Path local) {
        Properties config = new Properties();
        try (InputStream in = Files.isRegularFile(local) ? Files.newInputStream(local)
                : LogSetup.class.getResourceAsStream("/logging.properties")) {
            if (in != null) {
                config.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + local + ": " + e.getMessage(), e);
        }
        return config;
    }

    /** @return null when a file can be created in the directory, else why not. */
    private static String probeWritable(Path directory) {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".probe", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
