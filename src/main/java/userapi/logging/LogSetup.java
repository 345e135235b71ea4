package userapi.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.LogManager;

/**
 * Configures java.util.logging from ./logging.properties, or from the copy inside the jar when the working
 * directory has none, after making sure logs/ exists for the rotating file handler.
 */
public final class LogSetup {
    private LogSetup() {
    }

    public static void configure(Path workingDirectory) {
        try {
            Files.createDirectories(workingDirectory.resolve("logs"));
            Path local = workingDirectory.resolve("logging.properties");
            try (InputStream in = Files.isRegularFile(local) ? Files.newInputStream(local)
                    : LogSetup.class.getResourceAsStream("/logging.properties")) {
                if (in != null) {
                    LogManager.getLogManager().readConfiguration(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not configure logging: " + e.getMessage(), e);
        }
    }
}
