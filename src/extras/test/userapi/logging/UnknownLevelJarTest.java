package userapi.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.testing.RunningJar;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real jar with a Python level name in its logging.properties: it refuses to start, in one line, exit 2. */
class UnknownLevelJarTest {
    @TempDir
    Path workingDirectory;

    @Test
    void a_python_level_name_stops_the_start_with_one_line_naming_the_java_level() throws Exception {
        Files.writeString(workingDirectory.resolve("logging.properties"),
                "handlers = java.util.logging.ConsoleHandler\n.level = ERROR\n", StandardCharsets.UTF_8);

        Map.Entry<Integer, String> run = RunningJar.runUntilExit(workingDirectory, Map.of("PORT", "0"));

        assertEquals(2, run.getKey(), run.getValue());
        assertTrue(run.getValue().contains("userapi: cannot start: logging.properties: '.level = ERROR'"), run.getValue());
        assertEquals(1, run.getValue().strip().lines().count(), run.getValue());
        assertFalse(run.getValue().contains("listening"), run.getValue());
    }
}
