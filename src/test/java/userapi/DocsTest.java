package userapi;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README and docs/*.md stay true to the code: every file they name exists, and every "File.java:LINE"
 * reference points at a line the file has. A path is looked up from the repository root, then under
 * src/main/java/userapi/ and src/test/java/userapi/ (the README's code map names files relative to those).
 */
class DocsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern FILE = Pattern.compile(
            "(?<![\\w/.-])((?:[\\w-]+/)*[\\w-]+\\.(?:java|md|sql|properties|sh|txt|json))(?::(\\d+)(?:-(\\d+))?)?");
    private static final List<Path> BASES = List.of(ROOT, ROOT.resolve("src/main/java/userapi"),
            ROOT.resolve("src/test/java/userapi"), ROOT.resolve("src/main/resources"));

    @Test
    void every_file_and_line_the_docs_name_exists() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs()) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Matcher m = FILE.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                if (name.startsWith("http") || name.contains("example") || isOutsideTheRepo(name)) {
                    continue;
                }
                checked++;
                Path file = BASES.stream().map(b -> b.resolve(name)).filter(Files::isRegularFile).findFirst().orElse(null);
                if (file == null) {
                    missing.add(ROOT.relativize(doc) + ": " + name);
                } else if (m.group(2) != null) {
                    long lines;
                    try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
                        lines = all.count();
                    }
                    int last = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(2));
                    if (last > lines) {
                        missing.add(ROOT.relativize(doc) + ": " + m.group() + " (the file has " + lines + " lines)");
                    }
                }
            }
        }
        assertTrue(checked > 5, "the docs name files: " + checked);
        assertTrue(missing.isEmpty(), "named in the docs but not in the repository:\n" + String.join("\n", missing));
    }

    /** Files a reader makes or has elsewhere, not ours: logs, the database, generated output. */
    private static boolean isOutsideTheRepo(String name) {
        return name.startsWith("logs/") || name.startsWith("data/") || name.startsWith("build/") || name.startsWith("/")
                || name.equals("main.py") || name.startsWith("app/") || name.endsWith("users.db");
    }

    private static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        Path dir = ROOT.resolve("docs");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
            }
        }
        return docs;
    }
}
