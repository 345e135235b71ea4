package userapi;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arrows between the layers, read from the sources: only the HTTP plumbing (http/), the edge's extra filter
 * (limits/RequestLimitsFilter, browser/CorsFilter ...) and the composition roots touch the JDK's HTTP server; no lower layer imports an
 * upper one; and the core never names a package of the extras (the Makefile's core step compiles it alone, too).
 */
class LayersTest {
    private static final Path CORE = Path.of("src/core/java/userapi");
    private static final Path EXTRAS = Path.of("src/extras/java/userapi");
    private static final List<String> MAY_USE_THE_SERVER = List.of("http/", "App.java", "production/ProductionApp.java",
            "limits/RequestLimitsFilter.java", "limits/ConnectionsPerClient.java", "browser/CorsFilter.java",
            "browser/SafeHeadersFilter.java");
    private static final Pattern EXTRAS_PACKAGE =
            Pattern.compile("^import (static )?userapi\\.(production|auth|account|mail|audit|directory|browser|jdbc|cache|metrics|openapi|limits)\\.", Pattern.MULTILINE);

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void only_the_plumbing_and_the_composition_roots_touch_the_http_server() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path root : List.of(CORE, EXTRAS)) {
            for (Path file : sources(root)) {
                String relative = root.relativize(file).toString();
                if (read(file).contains("com.sun.net.httpserver") && MAY_USE_THE_SERVER.stream().noneMatch(relative::startsWith)) {
                    offenders.add(root.resolve(relative).toString());
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void the_core_names_no_package_of_the_extras() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources(CORE)) {
            if (EXTRAS_PACKAGE.matcher(read(file)).find()) {
                offenders.add(file.toString());
            }
        }
        assertEquals(List.of(), offenders);
        assertTrue(sources(CORE).size() > 30, "the core's sources were found");
    }

    @Test
    void services_repositories_and_models_import_neither_handlers_nor_http() throws IOException {
        List<String> offenders = new ArrayList<>();
        Pattern upward = Pattern.compile("^import userapi\\.(http|handler)\\.", Pattern.MULTILINE);
        for (Path root : List.of(CORE, EXTRAS)) {
            for (String layer : List.of("service", "repository", "model", "exception", "jdbc", "cache")) {
                Path folder = root.resolve(layer);
                if (Files.isDirectory(folder)) {
                    for (Path file : sources(folder)) {
                        if (upward.matcher(read(file)).find()) {
                            offenders.add(file.toString());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
