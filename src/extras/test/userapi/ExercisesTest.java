package userapi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exercises of docs/LEARN.md whose code blocks are marked (ExerciseBlocks) still apply to the sources as they
 * are: every anchor is on exactly one line of its file, every new file is new. This is the fast half of the proof;
 * docs/exercises/check-count-exercise.sh is the slow one: it applies the blocks to a copy, compiles it and runs the
 * exercise's tests.
 */
class ExercisesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path LEARN = ROOT.resolve("docs/LEARN.md");

    private static String learn() throws IOException {
        return Files.readString(LEARN, StandardCharsets.UTF_8);
    }

    @Test
    void every_marked_exercise_of_the_learning_path_applies_to_the_sources_as_they_are_or_is_applied_already() throws IOException {
        String doc = learn();
        List<String> exercises = ExerciseBlocks.exercises(doc);
        assertTrue(exercises.contains("count"), "LEARN.md marks the GET /users/count exercise: " + exercises);
        for (String exercise : exercises) {
            List<ExerciseBlocks.Edit> edits = ExerciseBlocks.edits(doc, exercise);
            if (ExerciseBlocks.isApplied(ROOT, edits)) {
                continue; // a learner did this one in this tree: every block stands in its file
            }
            Map<String, List<String>> files = ExerciseBlocks.apply(ROOT, edits); // throws, naming the doc's line
            assertFalse(files.isEmpty(), exercise);
        }
    }

    @Test
    void the_count_exercise_goes_through_every_layer_and_its_command_runs_the_tests_it_edits() throws IOException {
        String doc = learn();
        List<ExerciseBlocks.Edit> edits = ExerciseBlocks.edits(doc, "count");
        List<String> files = edits.stream().map(ExerciseBlocks.Edit::file).distinct().toList();
        for (String layer : List.of("repository/UserRepository.java", "service/UserService.java",
                "service/DefaultUserService.java", "model/UserCount.java", "handler/UserHandler.java", "userapi/App.java",
                "auth/SignedInUsers.java", "production/ProductionApp.java", "openapi/ApiDescription.java")) {
            assertTrue(files.stream().anyMatch(file -> file.endsWith(layer)), "the exercise edits " + layer + ": " + files);
        }

        List<String> commands = ExerciseBlocks.commands(doc, "count");
        assertEquals(1, commands.size(), "one command runs the exercise's tests: " + commands);
        Matcher classes = Pattern.compile("^make test CLASS=([\\w,]+)$").matcher(commands.getFirst());
        assertTrue(classes.matches(), commands.getFirst());
        List<String> named = Arrays.asList(classes.group(1).split(","));
        for (String file : files) {
            String name = Path.of(file).getFileName().toString().replace(".java", "");
            if (file.contains("/test/") && name.endsWith("Test")) {
                assertTrue(named.contains(name), "the command runs " + name + ", which the exercise edits: " + named);
            }
        }
        for (String reader : List.of("OpenApiDocumentTest", "AppRoutesTest", "AppTest")) {
            assertTrue(named.contains(reader), "the command runs " + reader + ", which reads a route table: " + named);
        }
    }

    // --- the markers themselves ------------------------------------------------------------------------------------

    private static final String JAVA = String.join("\n", "package x;", "", "import a.B;", "import a.D;", "",
            "interface Service {", "    int size();", "", "    @Deprecated", "    default int twice() {",
            "        return \"}\".length() * 2; // }", "    }", "}", "");

    private static Path project(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/Service.java"), JAVA, StandardCharsets.UTF_8);
        return dir;
    }

    @Test
    void a_block_goes_after_or_before_its_line_after_a_whole_member_or_instead_of_one(@TempDir Path dir) throws IOException {
        String doc = String.join("\n",
                "1. an import:", "",
                "   <!-- exercise:t file=src/Service.java after='import a.B;' -->",
                "   ```java", "   import a.C;", "   ```",
                "<!-- exercise:t file=src/Service.java after-member='int size();' -->",
                "```java", "    long count();", "```",
                "<!-- exercise:t file=src/Service.java replace-member='default int twice() {' -->",
                "```java", "    default int twice() {", "        return 2;", "    }", "```",
                "<!-- exercise:t file=src/Service.java before='interface Service {' -->",
                "```java", "/** A service. */", "```",
                "<!-- exercise:t create=src/ class=Count -->",
                "```java", "package x;", "```",
                "<!-- exercise:t command -->",
                "```console", "$ make test CLASS=ServiceTest", "```", "");

        Map<String, List<String>> files = ExerciseBlocks.apply(project(dir), ExerciseBlocks.edits(doc, "t"));

        assertEquals(List.of("package x;", "", "import a.B;", "import a.C;", "import a.D;", "", "/** A service. */",
                "interface Service {", "    int size();", "", "    long count();", "", "    default int twice() {",
                "        return 2;", "    }", "}"), files.get("src/Service.java"));
        assertEquals(List.of("package x;"), files.get("src/Count.java"));
        assertEquals(List.of("make test CLASS=ServiceTest"), ExerciseBlocks.commands(doc, "t"));
        assertEquals(List.of("t"), ExerciseBlocks.exercises(doc));
    }

    @Test
    void an_anchor_on_no_line_or_on_two_and_a_new_file_that_exists_are_refused_with_the_docs_line(@TempDir Path dir)
            throws IOException {
        project(dir);
        List<String> problems = new ArrayList<>();
        for (String marker : List.of("file=src/Service.java after='int thrice()'", "file=src/Service.java after='import a.'",
                "create=src/ class=Service", "file=src/Nope.java after='x'")) {
            String doc = "text\n<!-- exercise:t " + marker + " -->\n```java\nint x;\n```\n";
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> ExerciseBlocks.apply(dir, ExerciseBlocks.edits(doc, "t")));
            problems.add(refused.getMessage());
        }
        assertTrue(problems.stream().allMatch(p -> p.startsWith("docs line 2 ")), String.join("\n", problems));
        assertTrue(problems.get(0).contains("on 0 lines"), problems.get(0));
        assertTrue(problems.get(1).contains("on 2 lines of the file, not exactly one (lines [3, 4])"), problems.get(1));
        assertTrue(problems.get(2).contains("exists already"), problems.get(2));
        assertTrue(problems.get(3).contains("no such file"), problems.get(3));
    }

    @Test
    void a_marker_without_a_place_or_without_a_code_block_is_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> ExerciseBlocks.edits("<!-- exercise:t file=src/A.java -->\n```java\nx\n```\n", "t"));
        assertThrows(IllegalArgumentException.class,
                () -> ExerciseBlocks.edits("<!-- exercise:t file=src/A.java after='x' -->\ntext\n", "t"));
    }
}
