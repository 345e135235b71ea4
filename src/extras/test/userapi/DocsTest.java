package userapi;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README and docs/*.md stay true to the code: every file they name exists, every "File.java:LINE" reference
 * points at a line the file has, and every "File.java#name" reference names a method, constructor or type the
 * file declares. A reference that introduces a fenced code block (the reference ends its line, the block follows,
 * after at most one blank line) is an excerpt: with a line number the block must start with that line; with a
 * name it must start with a line of that declaration (from its annotations to its closing brace), so the excerpt
 * stays true when lines move. Prefer the name.
 * <p>
 * A path is looked up from the repository root, then under the source roots (src/core/java/userapi/,
 * src/extras/java/userapi/, their test/ twins and src/extras/resources/: the README's code map names files
 * relative to those), then next to the doc itself (a Markdown link); a bare file name found nowhere there must be
 * the one file of that name under src/. A class named by its package folder (http/Router, auth/SignIn) must have
 * its .java file under one of the roots. Stack-trace frames quoted in the docs ("at x.y(File.java:12)", and jdb's
 * "[3] x.y (File.java:12)") are the JVM's words, not references, and are skipped, as is a name followed by "(" (a
 * call: Answer.json(...)), a name inside a web address (https://host/a/b.md) and a file an exercise of the same
 * doc creates (its marker says create=PATH; ExercisesTest checks those).
 * <p>
 * The other tests hold what the learning path teaches in place: exceptions and errors the lecture's way round,
 * every Java command runnable on an older default java, every class of a quoted stack explained, and the source
 * counts the docs quote. Run alone: make test CLASS=DocsTest.
 */
class DocsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern FILE = Pattern.compile(
            "(?<![\\w/.-])((?:[\\w-]+/)*[\\w-]+\\.(?:java|md|sql|properties|sh|txt|json))"
                    + "(?::(\\d+)(?:-(\\d+))?|#([A-Za-z_$][\\w$]*))?(?![\\w(])");
    /** A class named by its package folder, as the docs write them: http/Router, auth/AccessPolicy. */
    private static final Pattern CLASS = Pattern.compile("(?<![\\w/.-])((?:http|handler|service|repository|model|exception"
            + "|logging|production|auth|account|mail|audit|directory|browser|jdbc|cache|metrics|openapi|limits|testing|hardening)/[A-Z]\\w*)(?![\\w./(])");
    /** A frame of a stack trace ("at x.y(File.java:12)") or of jdb's where ("[3] x.y (File.java:12)"). */
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s*(?:at |\\[\\d+\\] )\\S+ ?\\(");
    /** A file an exercise's code block creates: the doc may name it before it exists. */
    private static final Pattern CREATED = Pattern.compile("<!-- exercise:[\\w-]+ create=(\\S+)");
    private static final List<Path> BASES = List.of(ROOT,
            ROOT.resolve("src/core/java/userapi"), ROOT.resolve("src/extras/java/userapi"),
            ROOT.resolve("src/core/test/userapi"), ROOT.resolve("src/extras/test/userapi"),
            ROOT.resolve("src/extras/resources"));
    private static final String MODIFIERS = "(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed"
            + "|default|synchronized|native|strictfp)\\s+)*";
    private static final String NOT_A_STATEMENT = "(?!(?:return|new|throw|else|case|yield|var)\\b)";

    /** What checking the docs found: names checked, excerpts checked, how many of those by a declaration's name. */
    record Findings(int names, int excerpts, int namedExcerpts, List<String> problems) {
    }

    @Test
    void every_file_line_and_declaration_the_docs_name_exists_and_every_excerpt_starts_where_it_says() throws IOException {
        int names = 0;
        int excerpts = 0;
        int namedExcerpts = 0;
        List<String> problems = new ArrayList<>();
        for (Path doc : docs()) {
            Findings findings = check(ROOT.relativize(doc).toString(), doc.getParent(),
                    Files.readString(doc, StandardCharsets.UTF_8));
            names += findings.names();
            excerpts += findings.excerpts();
            namedExcerpts += findings.namedExcerpts();
            problems.addAll(findings.problems());
        }
        assertTrue(problems.isEmpty(), "the docs and the repository disagree:\n" + String.join("\n", problems));
        // floors: README, docs/LEARN.md and docs/LEARN.ko.md name well over two hundred files and classes, and
        // LEARN.md quotes about thirty excerpts, nearly all anchored on a declaration's name; far fewer means the
        // patterns stopped seeing them, not that the docs are right
        assertTrue(names > 150, "the docs name files and classes: " + names);
        assertTrue(excerpts >= 15, "the docs quote code where they say: " + excerpts);
        assertTrue(namedExcerpts >= 15, "the docs quote code by a declaration's name: " + namedExcerpts);
    }

    @Test
    void an_excerpt_that_does_not_start_at_the_line_it_names_is_reported() {
        String doc = "The package:\n\n`src/core/java/userapi/App.java:2`\n\n```java\npackage userapi;\n```\n";
        Findings findings = check("doc.md", doc);
        assertEquals(1, findings.excerpts());
        assertEquals(1, findings.problems().size(), findings.problems().toString());
        assertTrue(findings.problems().getFirst().contains("App.java:2"), findings.problems().getFirst());
    }

    @Test
    void an_excerpt_that_starts_at_the_line_it_names_passes_whatever_its_indentation() {
        String doc = "`src/core/java/userapi/App.java:1`\n```java\n  package userapi;\n\nimport x;\n```\n";
        Findings findings = check("doc.md", doc);
        assertEquals(1, findings.excerpts());
        assertEquals(List.of(), findings.problems());
    }

    @Test
    void an_excerpt_anchored_on_a_method_passes_when_it_starts_at_or_inside_that_method() {
        String doc = "`src/core/java/userapi/App.java#routes`\n\n```java\nstatic Router routes(Router router, "
                + "UserHandler users, HealthHandler health) {\n```\n\nand `App.java#routes`:\n```java\n"
                + "        return router\n```\n\n`http/Router.java#Router`\n```java\npublic final class Router implements HttpHandler {\n```\n";
        Findings findings = check("doc.md", doc);
        assertEquals(3, findings.excerpts());
        assertEquals(3, findings.namedExcerpts());
        assertEquals(List.of(), findings.problems());
    }

    @Test
    void an_excerpt_anchored_on_a_method_that_starts_outside_it_or_on_a_method_the_file_lacks_is_reported() {
        String doc = "`src/core/java/userapi/App.java#validation`\n```java\nreturn router\n```\n"
                + "`src/core/java/userapi/App.java#noSuchMethod`\n```java\nreturn router\n```\n"
                + "In a sentence, `App.java#alsoMissing` is reported too.\n";
        Findings findings = check("doc.md", doc);
        assertEquals(1, findings.excerpts(), "an excerpt under a missing declaration is reported, not counted");
        assertEquals(3, findings.problems().size(), findings.problems().toString());
        assertTrue(findings.problems().getFirst().contains("App.java#validation"), findings.problems().getFirst());
        assertTrue(findings.problems().get(1).contains("declares no noSuchMethod"), findings.problems().get(1));
    }

    @Test
    void a_call_is_not_a_declaration() {
        List<String> code = List.of("class A {", "    Response create(Request r) {", "        return create(r, 1);",
                "    }", "    void other() {", "        service.create(x);", "        create(y);", "    }", "}");
        assertEquals(List.of(new Extent(1, 3)), declarations(code, "create"));
    }

    @Test
    void a_declaration_runs_from_its_annotations_to_its_closing_brace_whatever_braces_hide_in_strings_and_comments() {
        List<String> code = List.of("class A {", "    @Override", "    public String toString() {",
                "        return \"}\" + '}'; // }", "        /* } */", "    }", "    abstract int size();", "}");
        assertEquals(List.of(new Extent(1, 5)), declarations(code, "toString"));
        assertEquals(List.of(new Extent(6, 6)), declarations(code, "size"));
        assertEquals(List.of(new Extent(0, 7)), declarations(code, "A"));
    }

    @Test
    void a_reference_inside_a_sentence_names_a_line_but_no_excerpt() {
        Findings findings = check("doc.md", "See `src/core/java/userapi/App.java:1` for the package.\n```java\nother\n```\n");
        assertEquals(0, findings.excerpts());
        assertEquals(List.of(), findings.problems());
    }

    @Test
    void a_missing_file_and_a_line_past_the_end_are_reported_but_not_a_stack_frame_or_a_call() {
        String doc = "`src/core/java/userapi/Nope.java` and `src/core/java/userapi/App.java:100000`, `Answer.json(200)`\n"
                + "\tat userapi.service.DefaultUserService.create(DefaultUserService.java:58)\n"
                + "`http/Router` routes, `auth/SignIn` signs in, `http/Nope` does not exist\n";
        Findings findings = check("doc.md", doc);
        assertEquals(5, findings.names(), "neither the stack frame nor the call is a reference");
        assertEquals(3, findings.problems().size(), findings.problems().toString());
    }

    @Test
    void a_name_in_a_web_address_is_not_ours_but_a_package_folder_named_http_is() {
        Findings findings = check("doc.md", "https://github.com/a/b/Nope.md and **http://127.0.0.1:8080/x/Nope.json**,"
                + " but `http/Router.java#route` and `http/Nope.java`\n");
        assertEquals(2, findings.names());
        assertEquals(1, findings.problems().size(), findings.problems().toString());
        assertTrue(findings.problems().getFirst().contains("http/Nope.java"), findings.problems().getFirst());
    }

    @Test
    void a_bare_file_name_is_found_when_only_one_file_has_it() {
        Findings findings = check("doc.md", "`UserHandler.java#create`, `SignedInUsers.java`, `Main.java`, `Nowhere.java`\n");
        assertEquals(4, findings.names());
        assertEquals(1, findings.problems().size(), findings.problems().toString());
        assertTrue(findings.problems().getFirst().contains("Nowhere.java"), findings.problems().getFirst());
    }

    // --- what the learning path teaches, held in place ----------------------------------------------------------

    private static final Path README = ROOT.resolve("README.md");
    private static final Path LEARN = ROOT.resolve("docs/LEARN.md");

    /** "An exception (예외) is ...", "an `Error` is ...": a subject the lecture defines, and what the clause says it is. */
    private static final Pattern DEFINITION = Pattern.compile(
            "(?i)(?:^|\\s)(?:an?\\s+|the\\s+)?[*_`]*(exception|error)s?[*_`]*\\s*(?:\\((예외|에러)\\)\\s*)?(?:is|are|means)\\s+(.+)");
    private static final Pattern SAYS_BUG = Pattern.compile(
            "(?i)\\bbugs?\\b|nobody predicted|no one predicted|not predicted|unexpected|unforeseen|(?:not|never) meant to be caught"
                    + "|must not be caught|should not be caught");
    private static final Pattern SAYS_PREDICTED = Pattern.compile("(?i)predict|expected|handled|\\bhandle\\b|foresee|anticipat");
    private static final Pattern WRONG_KOREAN = Pattern.compile("(?i)exceptions?[*_`]*\\s*\\(에러\\)|errors?[*_`]*\\s*\\(예외\\)");

    /**
     * The clauses of a text that define an exception or an error the wrong way round: an exception (예외) as a bug
     * or as something not to be caught, an error (에러) as a case we predict or handle, or the Korean words swapped.
     */
    static List<String> reversedPairings(String text) {
        List<String> reversed = new ArrayList<>();
        for (String sentence : text.replaceAll("\\s+", " ").split("[.;:!?|,]\\s")) {
            String clause = sentence.strip().replaceAll("[.;:!?|,]+$", "");
            if (WRONG_KOREAN.matcher(clause).find()) {
                reversed.add(clause);
                continue;
            }
            Matcher definition = DEFINITION.matcher(clause);
            if (!definition.find()) {
                continue;
            }
            boolean exception = definition.group(1).equalsIgnoreCase("exception");
            String predicate = definition.group(3);
            boolean bug = SAYS_BUG.matcher(predicate).find();
            boolean predicted = !bug && SAYS_PREDICTED.matcher(predicate).find();
            if (exception && bug || !exception && predicted) {
                reversed.add(clause);
            }
        }
        return reversed;
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", " ");
    }

    /** From the line that starts with start to the next line that starts with end (or the end of the text). */
    private static String section(String text, String start, String end) {
        int from = text.indexOf("\n" + start);
        assertTrue(from >= 0, "no section " + start);
        int to = text.indexOf("\n" + end, from + 1);
        return text.substring(from, to < 0 ? text.length() : to);
    }

    @Test
    void step_7_and_the_lecture_map_pair_an_exception_with_what_we_predict_and_an_error_with_a_bug() throws IOException {
        String learn = Files.readString(LEARN, StandardCharsets.UTF_8);
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String step7 = normalised(section(learn, "## 7. ", "## 8. "));
        String row = readme.lines().filter(line -> line.startsWith("| `HTTPException`")).findFirst().orElse("");

        for (String pairing : List.of("An *exception* (예외) is a case you predict and handle",
                "An *error* (에러) is a bug nobody predicted",
                "an `Exception` is caught and handled, an `Error` is not meant to be caught")) {
            assertTrue(step7.contains(pairing), "LEARN.md's step 7 should say: " + pairing);
        }
        for (String pairing : List.of("an exception (예외) is a case we predict and handle", "is an error (에러), a bug",
                "an `Exception` is caught and handled, an `Error` is not meant to be caught")) {
            assertTrue(row.contains(pairing), "the README's lecture map row should say: " + pairing + "\n" + row);
        }
        List<String> reversed = new ArrayList<>(reversedPairings(readme));
        reversed.addAll(reversedPairings(learn));
        assertEquals(List.of(), reversed, "exceptions and errors the wrong way round");
    }

    @Test
    void an_exception_defined_as_a_bug_or_an_error_as_a_predicted_case_is_reported() {
        assertEquals(List.of("An *error* (에러) is a case you predict and handle"),
                reversedPairings("An *error* (에러) is a case you predict and handle: a user asks for an id."));
        assertEquals(List.of("An *exception* (예외) is a bug nobody predicted"),
                reversedPairings("An *exception* (예외) is a bug nobody predicted: answer 500."));
        assertEquals(List.of("an `Error` is caught and handled", "an `Exception` is not meant to be caught"),
                reversedPairings("Java draws the same line: an `Error` is caught and handled, an `Exception` is not meant"
                        + "\nto be caught."));
        assertEquals(List.of("We log the exceptions (에러) we predict"), reversedPairings("We log the exceptions (에러) we predict."));
        assertEquals(List.of(), reversedPairings("An *exception* (예외) is a case you predict and handle: a user asks. An"
                + " *error* (에러) is a bug nobody predicted: answer 500. Java's own names draw the same line: an"
                + " `Exception` is caught and handled, an `Error` is not meant to be caught. Anything else is an error"
                + " (에러), a bug. An unexpected exception takes the same way up."));
    }

    /** java, jdb or jshell started by name: the default java may be older than 21 (17 on this project's machine). */
    private static final Pattern BARE_JAVA = Pattern.compile(
            "(?<![\\w/.$\"-])(?:java|jdb|jshell)\\s+(?:-jar\\s+[\\w./$\"]|-cp\\s|-attach\\b|-version\\b|[\\w./-]+\\.java\\b)");
    /** $JAVA run with arguments, or jdb next to it: works only where JAVA was set before, not in a fresh terminal. */
    private static final Pattern JAVA_VARIABLE = Pattern.compile("\\$\\{?JAVA\\}?\\s+[\\w./\"-]|\\$\\(dirname\\s+\"?\\$\\{?JAVA\\b");

    static List<String> javaCommandsNeedingSetUp(String docName, String text) {
        List<String> problems = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (BARE_JAVA.matcher(line).find()) {
                problems.add(docName + ":" + (n + 1) + ": starts java by name (use make, bin/user-api or $(make -s print-java)): " + line.strip());
            }
            Matcher variable = JAVA_VARIABLE.matcher(line);
            if (variable.find() && !line.substring(0, variable.start()).contains("JAVA=")) {
                problems.add(docName + ":" + (n + 1) + ": needs $JAVA set beforehand: " + line.strip());
            }
        }
        return problems;
    }

    @Test
    void every_java_command_finds_a_jdk_21_itself_and_needs_no_variable_set_beforehand() throws IOException {
        List<String> problems = new ArrayList<>(javaCommandsNeedingSetUp("README.md", Files.readString(README, StandardCharsets.UTF_8)));
        problems.addAll(javaCommandsNeedingSetUp("docs/LEARN.md", Files.readString(LEARN, StandardCharsets.UTF_8)));
        assertEquals(List.of(), problems);
    }

    @Test
    void a_java_started_by_name_or_through_an_unset_variable_is_reported_but_not_one_a_finder_gives() {
        String doc = "$ java -jar build/user-api.jar promote ada@example.com\n$ $JAVA docs/experiments/SlowRequests.java\n"
                + "$ $(dirname $JAVA)/jdb -attach 127.0.0.1:5005\n$ jdb -attach 127.0.0.1:5005\n"
                + "$ bin/user-api promote ada@example.com\n$ $(make -s print-java) docs/experiments/SlowRequests.java\n"
                + "$ $(dirname \"$(make -s print-java)\")/jdb -attach 127.0.0.1:5005\n$ JAVA=$(make -s print-java); $JAVA -version\n"
                + "It uses `$JAVA`, else `$JAVA_HOME/bin/java`; `JAVA_OPTS=-Xmx256m`; plain Java, java.util.logging, `java -jar` with default flags.\n";
        List<String> problems = javaCommandsNeedingSetUp("doc.md", doc);
        assertEquals(4, problems.size(), String.join("\n", problems));
        assertTrue(problems.stream().allMatch(p -> p.startsWith("doc.md:1:") || p.startsWith("doc.md:2:")
                || p.startsWith("doc.md:3:") || p.startsWith("doc.md:4:")), String.join("\n", problems));
    }

    /** A quoted stack frame's class: "at jdk.httpserver/com.sun.net.httpserver.Filter$Chain.doFilter(" and jdb's "[3] x.Y.m (". */
    private static final Pattern FRAME = Pattern.compile("^\\s*(?:at |\\[\\d+\\] )(\\S+?) ?\\(");

    /** The name the stack table explains a frame under: its class, without module; a JVM-made lambda class as $$Lambda. */
    static String frameClass(String line) {
        Matcher frame = FRAME.matcher(line);
        if (!frame.find()) {
            return null;
        }
        String method = frame.group(1);
        if (method.contains("$$Lambda")) {
            return "$$Lambda";
        }
        String qualified = method.substring(method.lastIndexOf('/') + 1);
        return qualified.substring(0, qualified.lastIndexOf('.'));
    }

    @Test
    void every_class_of_a_quoted_stack_is_explained_in_the_learning_paths_stack_table() throws IOException {
        String table = section(Files.readString(LEARN, StandardCharsets.UTF_8), "### Reading the stack", "## ");
        List<String> missing = new ArrayList<>();
        int frames = 0;
        for (Path doc : docs()) {
            for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
                String frameClass = frameClass(line);
                if (frameClass == null) {
                    continue;
                }
                frames++;
                if (!table.contains("`" + frameClass + "`") && !missing.contains(frameClass)) {
                    missing.add(frameClass);
                }
            }
        }
        assertEquals(List.of(), missing, "classes of quoted stack frames that docs/LEARN.md's 'Reading the stack' does not explain");
        assertTrue(frames > 40, "the docs quote stack traces and jdb's where: " + frames + " frames");
    }

    @Test
    void a_frame_is_explained_under_its_class_and_a_lambda_under_one_name() {
        assertEquals("com.sun.net.httpserver.Filter$Chain",
                frameClass("\tat jdk.httpserver/com.sun.net.httpserver.Filter$Chain.doFilter(Filter.java:98)"));
        assertEquals("java.lang.Thread", frameClass("  [19] java.lang.Thread.runWith (Thread.java:1,487)"));
        assertEquals("$$Lambda", frameClass("  [3] userapi.production.ProductionApp$$Lambda/0x000000003c2a8000.handle (null)"));
        assertEquals(null, frameClass("java.lang.IllegalStateException: a bug in the service"));
    }

    private static int sources(String root) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve(root))) {
            return (int) files.filter(f -> f.toString().endsWith(".java")).count();
        }
    }

    private static int lines(String root) throws IOException {
        int lines = 0;
        try (Stream<Path> files = Files.walk(ROOT.resolve(root))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                lines += Files.readAllLines(file, StandardCharsets.UTF_8).size();
            }
        }
        return lines;
    }

    @Test
    void the_source_counts_the_docs_quote_are_the_real_ones() throws IOException {
        // the sources as shipped: what an exercise a learner applied in this tree added is not counted
        String learn = Files.readString(LEARN, StandardCharsets.UTF_8);
        List<ExerciseBlocks.Edit> applied = new ArrayList<>();
        for (String exercise : ExerciseBlocks.exercises(learn)) {
            List<ExerciseBlocks.Edit> edits = ExerciseBlocks.edits(learn, exercise);
            if (ExerciseBlocks.isApplied(ROOT, edits)) {
                applied.addAll(edits);
            }
        }
        Map<String, Integer> real = Map.of("core", shipped("src/core/java", applied),
                "extras", shipped("src/extras/java", applied), "core test", shipped("src/core/test", applied),
                "extras test", shipped("src/extras/test", applied));
        long coreLines = Math.round((lines("src/core/java") - ExerciseBlocks.addedUnder("src/core/java", applied)[0]) / 100.0) * 100;
        Pattern javac = Pattern.compile("javac: (\\d+) (core test|extras test|core|extras) sources");
        Pattern coreFiles = Pattern.compile("(\\d+) files, about ([\\d,]+) lines|about ([\\d,]+) lines that compile"
                + "|all (\\d+) core sources");
        List<String> problems = new ArrayList<>();
        int quoted = 0;
        for (Path doc : List.of(README, LEARN)) {
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            for (int n = 0; n < lines.size(); n++) {
                String where = ROOT.relativize(doc) + ":" + (n + 1) + ": ";
                Matcher m = javac.matcher(lines.get(n));
                while (m.find()) {
                    quoted++;
                    if (Integer.parseInt(m.group(1)) != real.get(m.group(2))) {
                        problems.add(where + m.group() + ", but there are " + real.get(m.group(2)));
                    }
                }
                Matcher c = coreFiles.matcher(lines.get(n));
                while (c.find()) {
                    quoted++;
                    String files = c.group(1) != null ? c.group(1) : c.group(4);
                    String about = c.group(2) != null ? c.group(2) : c.group(3);
                    if (files != null && Integer.parseInt(files) != real.get("core")) {
                        problems.add(where + c.group() + ", but the core has " + real.get("core") + " files");
                    }
                    if (about != null && Long.parseLong(about.replace(",", "")) != coreLines) {
                        problems.add(where + c.group() + ", but the core has about " + coreLines + " lines");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(quoted >= 5, "the docs quote the sources' counts: " + quoted);
    }

    private static int shipped(String folder, List<ExerciseBlocks.Edit> applied) throws IOException {
        return sources(folder) - ExerciseBlocks.addedUnder(folder, applied)[1];
    }

    static Findings check(String docName, String text) {
        return check(docName, ROOT, text);
    }

    /** @param docDir the doc's own folder: a name is also looked up there, as a Markdown link would be */
    static Findings check(String docName, Path docDir, String text) {
        List<Path> bases = new ArrayList<>(BASES);
        bases.add(docDir);
        List<String> lines = text.lines().toList();
        List<String> created = new ArrayList<>();
        for (String line : lines) {
            Matcher m = CREATED.matcher(line);
            if (m.find()) {
                created.add(m.group(1));
            }
        }
        List<String> problems = new ArrayList<>();
        int names = 0;
        int excerpts = 0;
        int namedExcerpts = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            String where = docName + ":" + (n + 1) + ": ";
            if (STACK_FRAME.matcher(line).find()) {
                continue;
            }
            Matcher c = CLASS.matcher(line);
            while (c.find()) {
                names++;
                String java = c.group(1) + ".java";
                if (isCreated(created, java)) {
                    continue;
                }
                if (bases.stream().noneMatch(b -> Files.isRegularFile(b.resolve(java)))) {
                    problems.add(where + "the class " + c.group(1) + " is not in the repository");
                }
            }
            Matcher m = FILE.matcher(line);
            while (m.find()) {
                String name = m.group(1);
                if (isInUrl(line, m.start()) || name.contains("example") || isOutsideTheRepo(name) || isCreated(created, name)) {
                    continue;
                }
                names++;
                Path file = find(bases, name, where, problems);
                if (file == null) {
                    continue;
                }
                String member = name.endsWith(".java") ? m.group(4) : null;
                if (m.group(2) == null && member == null) {
                    continue;
                }
                List<String> fileLines = read(file);
                List<Extent> extents;
                if (member != null) {
                    extents = declarations(fileLines, member);
                    if (extents.isEmpty()) {
                        problems.add(where + m.group() + ": " + name + " declares no " + member);
                        continue;
                    }
                } else {
                    int first = Integer.parseInt(m.group(2));
                    int last = m.group(3) != null ? Integer.parseInt(m.group(3)) : first;
                    if (first < 1 || last > fileLines.size()) {
                        problems.add(where + m.group() + " (the file has " + fileLines.size() + " lines)");
                        continue;
                    }
                    extents = List.of(new Extent(first - 1, first - 1));
                }
                String excerpt = excerptAfter(lines, n, line.substring(m.end()));
                if (excerpt == null) {
                    continue;
                }
                excerpts++;
                if (member != null) {
                    namedExcerpts++;
                }
                String start = excerpt.strip();
                boolean found = extents.stream().anyMatch(e -> e.contains(fileLines, start));
                if (!found && member != null) {
                    problems.add(where + m.group() + ": the code block under it starts with '" + start
                            + "', which is no line of " + member + " (lines " + extents.getFirst().lines() + ")");
                } else if (!found) {
                    problems.add(where + m.group() + " is '" + fileLines.get(extents.getFirst().first()).strip()
                            + "', but the code block under it starts with '" + start + "'");
                }
            }
        }
        return new Findings(names, excerpts, namedExcerpts, problems);
    }

    /** The file a doc names: under a base, else the one file of that bare name under src/; null (reported) if none. */
    private static Path find(List<Path> bases, String name, String where, List<String> problems) {
        Path file = bases.stream().map(b -> b.resolve(name)).filter(Files::isRegularFile).findFirst().orElse(null);
        if (file != null) {
            return file;
        }
        List<Path> sameName = name.contains("/") ? List.of() : filesNamed(name);
        if (sameName.size() == 1) {
            return sameName.getFirst();
        }
        problems.add(where + name + (sameName.isEmpty() ? " is not in the repository"
                : " is ambiguous: name its folder, one of " + sameName.stream().map(p -> ROOT.relativize(p).toString()).toList()));
        return null;
    }

    /** Lines first..last of a file (0-based, inclusive): one declaration, or the one line a number names. */
    record Extent(int first, int last) {
        boolean contains(List<String> fileLines, String stripped) {
            for (int i = first; i <= last; i++) {
                if (fileLines.get(i).strip().equals(stripped)) {
                    return true;
                }
            }
            return false;
        }

        String lines() {
            return (first + 1) + "-" + (last + 1);
        }
    }

    /**
     * Where the file declares a method, constructor or type of this name: from the annotations above the
     * declaration to its closing brace, or to its ';' for a method without a body. Overloads give one extent each.
     * A line is a declaration when the name follows a type (or is a constructor's, or follows record, class,
     * interface or enum) and is not a call: not after '.', return, new or '='.
     */
    static List<Extent> declarations(List<String> fileLines, String name) {
        String quoted = Pattern.quote(name);
        String type = "(?:record|class|interface|enum|@interface)\\s+" + quoted + "\\b";
        String method = "(?:<[^()]*>\\s+)?" + NOT_A_STATEMENT + "[\\w$.]+(?:<[^()]*>)?(?:\\[\\])*\\s+" + quoted + "\\s*\\(";
        String constructor = Character.isUpperCase(name.charAt(0)) ? "|" + quoted + "\\s*[({]" : "";
        Pattern declaration = Pattern.compile("^(?:@\\w+(?:\\([^)]*\\))?\\s+)*" + MODIFIERS
                + "(?:" + type + "|" + method + constructor + ")");
        List<Extent> extents = new ArrayList<>();
        for (int i = 0; i < fileLines.size(); i++) {
            if (!declaration.matcher(fileLines.get(i).strip()).find()) {
                continue;
            }
            int first = i;
            while (first > 0 && fileLines.get(first - 1).strip().startsWith("@")) {
                first--;
            }
            int last = ExerciseBlocks.endOfDeclaration(fileLines, i);
            extents.add(new Extent(first, last));
            i = Math.max(i, last);
        }
        return extents;
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
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under src/ with this bare name, for a doc that names a file without its folder. */
    private static List<Path> filesNamed(String name) {
        try (Stream<Path> files = Files.walk(ROOT.resolve("src"))) {
            return files.filter(f -> f.getFileName().toString().equals(name) && Files.isRegularFile(f)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file that an exercise of this doc creates, named by its whole path or by its end (model/UserCount.java). */
    private static boolean isCreated(List<String> created, String name) {
        return created.stream().anyMatch(path -> path.equals(name) || path.endsWith("/" + name));
    }

    /** A name inside a web address (https://host/a/b.md) is the web's, not a file of ours. */
    private static boolean isInUrl(String line, int start) {
        int word = start;
        while (word > 0 && !Character.isWhitespace(line.charAt(word - 1)) && line.charAt(word - 1) != '(') {
            word--;
        }
        return line.substring(word, start).contains("://");
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
