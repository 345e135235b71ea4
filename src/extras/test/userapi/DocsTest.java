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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README and docs/*.md stay true to the code: every file they name exists, every "File.java:LINE" reference
 * points at a line the file has, and a reference that introduces a fenced code block (the reference ends its line,
 * the block follows, after at most one blank line) names the line the block starts with. A path is looked up from
 * the repository root, then under src/main/java/userapi/, src/test/java/userapi/ and src/main/resources/ (the
 * README's code map names files relative to those), then next to the doc itself (a Markdown link); a class named by its package folder (http/Router) must have its
 * .java file there. Stack-trace frames quoted in the docs ("at x.y(File.java:12)")
 * are the JVM's words, not references, and are skipped, as is a name followed by "(" (a call: Answer.json(...)).
 */
class DocsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern FILE = Pattern.compile(
            "(?<![\\w/.-])((?:[\\w-]+/)*[\\w-]+\\.(?:java|md|sql|properties|sh|txt|json))(?::(\\d+)(?:-(\\d+))?)?(?![\\w(])");
    /** A class named by its package folder, as the docs write them: http/Router, service/AccessPolicy. */
    private static final Pattern CLASS = Pattern.compile(
            "(?<![\\w/.-])((?:http|handler|service|repository|model|error|logging|metrics|openapi|testing|hardening)/[A-Z]\\w*)(?![\\w./(])");
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s*at \\S+\\(");
    private static final List<Path> BASES = List.of(ROOT, ROOT.resolve("src/main/java/userapi"),
            ROOT.resolve("src/test/java/userapi"), ROOT.resolve("src/main/resources"));

    /** What checking the docs found: how many names and excerpts were checked, and what is wrong. */
    record Findings(int names, int excerpts, List<String> problems) {
    }

    @Test
    void every_file_and_line_the_docs_name_exists_and_every_excerpt_starts_at_the_line_it_names() throws IOException {
        int names = 0;
        int excerpts = 0;
        List<String> problems = new ArrayList<>();
        for (Path doc : docs()) {
            Findings findings = check(ROOT.relativize(doc).toString(), doc.getParent(),
                    Files.readString(doc, StandardCharsets.UTF_8));
            names += findings.names();
            excerpts += findings.excerpts();
            problems.addAll(findings.problems());
        }
        assertTrue(problems.isEmpty(), "the docs and the repository disagree:\n" + String.join("\n", problems));
        // floors: README, docs/LEARN.md and docs/LEARN.ko.md name well over a hundred files, and LEARN.md quotes
        // about twenty excerpts; far fewer means the pattern stopped seeing them, not that the docs are right
        assertTrue(names > 150, "the docs name files: " + names);
        assertTrue(excerpts >= 15, "the docs quote code at a named line: " + excerpts);
    }

    @Test
    void an_excerpt_that_does_not_start_at_the_line_it_names_is_reported() {
        String doc = "The package:\n\n`src/main/java/userapi/App.java:2`\n\n```java\npackage userapi;\n```\n";
        Findings findings = check("doc.md", doc);
        assertEquals(1, findings.excerpts());
        assertEquals(1, findings.problems().size(), findings.problems().toString());
        assertTrue(findings.problems().getFirst().contains("App.java:2"), findings.problems().getFirst());
    }

    @Test
    void an_excerpt_that_starts_at_the_line_it_names_passes_whatever_its_indentation() {
        String doc = "`src/main/java/userapi/App.java:1`\n```java\n  package userapi;\n\nimport x;\n```\n";
        Findings findings = check("doc.md", doc);
        assertEquals(1, findings.excerpts());
        assertEquals(List.of(), findings.problems());
    }

    @Test
    void a_reference_inside_a_sentence_names_a_line_but_no_excerpt() {
        Findings findings = check("doc.md", "See `src/main/java/userapi/App.java:1` for the package.\n```java\nother\n```\n");
        assertEquals(0, findings.excerpts());
        assertEquals(List.of(), findings.problems());
    }

    @Test
    void a_missing_file_and_a_line_past_the_end_are_reported_but_not_a_stack_frame_or_a_call() {
        String doc = "`src/main/java/userapi/Nope.java` and `src/main/java/userapi/App.java:100000`, `Answer.json(200)`\n"
                + "\tat userapi.service.DefaultUserService.create(DefaultUserService.java:58)\n"
                + "`http/Router` routes, `http/Nope` does not exist\n";
        Findings findings = check("doc.md", doc);
        assertEquals(4, findings.names(), "neither the stack frame nor the call is a reference");
        assertEquals(3, findings.problems().size(), findings.problems().toString());
    }

    static Findings check(String docName, String text) {
        return check(docName, ROOT, text);
    }

    /** @param docDir the doc's own folder: a name is also looked up there, as a Markdown link would be */
    static Findings check(String docName, Path docDir, String text) {
        List<Path> bases = new ArrayList<>(BASES);
        bases.add(docDir);
        List<String> lines = text.lines().toList();
        List<String> problems = new ArrayList<>();
        int names = 0;
        int excerpts = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (STACK_FRAME.matcher(line).find()) {
                continue;
            }
            Matcher c = CLASS.matcher(line);
            while (c.find()) {
                names++;
                String java = c.group(1) + ".java";
                if (bases.stream().noneMatch(b -> Files.isRegularFile(b.resolve(java)))) {
                    problems.add(docName + ":" + (n + 1) + ": the class " + c.group(1) + " is not in the repository");
                }
            }
            Matcher m = FILE.matcher(line);
            while (m.find()) {
                String name = m.group(1);
                if (name.startsWith("http") || name.contains("example") || isOutsideTheRepo(name)) {
                    continue;
                }
                names++;
                Path file = bases.stream().map(b -> b.resolve(name)).filter(Files::isRegularFile).findFirst().orElse(null);
                if (file == null) {
                    problems.add(docName + ":" + (n + 1) + ": " + name + " is not in the repository");
                    continue;
                }
                if (m.group(2) == null) {
                    continue;
                }
                List<String> fileLines = read(file);
                int first = Integer.parseInt(m.group(2));
                int last = m.group(3) != null ? Integer.parseInt(m.group(3)) : first;
                if (first < 1 || last > fileLines.size()) {
                    problems.add(docName + ":" + (n + 1) + ": " + m.group() + " (the file has " + fileLines.size() + " lines)");
                    continue;
                }
                String excerpt = excerptAfter(lines, n, line.substring(m.end()));
                if (excerpt != null) {
                    excerpts++;
                    String expected = fileLines.get(first - 1).strip();
                    if (!excerpt.strip().equals(expected)) {
                        problems.add(docName + ":" + (n + 1) + ": " + m.group() + " is '" + expected
                                + "', but the code block under it starts with '" + excerpt.strip() + "'");
                    }
                }
            }
        }
        return new Findings(names, excerpts, problems);
    }

    /**
     * The first non-blank line of the fenced block that the reference on line n introduces, or null when it
     * introduces none: the reference must end its line (only punctuation may follow it) and the fence must come
     * next, after at most one blank line.
     */
    private static String excerptAfter(List<String> lines, int n, String restOfLine) {
        if (restOfLine.chars().anyMatch(Character::isLetterOrDigit)) {
            return null;
        }
        int next = n + 1;
        if (next < lines.size() && lines.get(next).isBlank()) {
            next++;
        }
        if (next >= lines.size() || !lines.get(next).strip().startsWith("```")) {
            return null;
        }
        for (int i = next + 1; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i);
            }
        }
        return "";
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
