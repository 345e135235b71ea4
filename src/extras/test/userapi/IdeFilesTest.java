package userapi;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IDE project files `make ide` writes (bin/ide-files, run here into a temporary folder) name every jar of
 * lib/deps.txt in its scope and exactly the source roots the Makefile compiles, and every one of them parses.
 */
class IdeFilesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path out;

    /** lib/deps.txt's jars, as the Makefile's jars_of names them, each with its scope: core, runtime or test. */
    private static final Map<String, String> SCOPE_OF_JAR = new LinkedHashMap<>();
    /** The same jars by their Maven coordinates, which name IntelliJ's libraries. */
    private static final Map<String, String> JAR_OF_COORDINATES = new LinkedHashMap<>();

    @BeforeAll
    static void write_the_files_once() throws IOException, InterruptedException {
        for (String line : Files.readAllLines(ROOT.resolve("lib/deps.txt"), StandardCharsets.UTF_8)) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 2 || fields[0].startsWith("#")) {
                continue;
            }
            String[] gav = fields[1].split(":");
            String jar = "lib/" + gav[1] + "-" + gav[2] + ".jar";
            SCOPE_OF_JAR.put(jar, fields[0]);
            JAR_OF_COORDINATES.put(fields[1], jar);
        }
        Process process = new ProcessBuilder("bash", ROOT.resolve("bin/ide-files").toString(), out.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/ide-files did not finish");
        assertEquals(0, process.exitValue(), "bin/ide-files failed:\n" + output);
        assertFalse(output.contains("missing"), "bin/ide-files: " + output);
    }

    @Test
    void deps_txt_names_jars_in_every_scope_so_the_checks_below_mean_something() {
        assertTrue(SCOPE_OF_JAR.size() >= 20, SCOPE_OF_JAR.toString());
        assertEquals(Set.of("core", "runtime", "test"), Set.copyOf(SCOPE_OF_JAR.values()));
    }

    @Test
    void every_xml_file_parses_and_every_json_file_parses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int xml = 0;
        int json = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".xml") || name.endsWith(".iml") || name.equals(".project") || name.equals(".classpath")) {
                parse(file);
                xml++;
            } else if (name.endsWith(".json")) {
                JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
                json++;
            }
        }
        // .project, .classpath, misc, modules, encodings, the module, three run configurations and a library per jar
        assertEquals(9 + SCOPE_OF_JAR.size(), xml, files.toString());
        assertEquals(3, json, files.toString());
    }

    @Test
    void eclipse_classpath_for_vs_code_names_every_jar_once_with_test_jars_marked_test() throws IOException {
        Map<String, String> scopes = new LinkedHashMap<>();
        for (Element entry : elements(parse(out.resolve(".classpath")), "classpathentry")) {
            if (entry.getAttribute("kind").equals("lib")) {
                String previous = scopes.put(entry.getAttribute("path"), isEclipseTest(entry) ? "test" : "compile");
                assertEquals(null, previous, "named twice: " + entry.getAttribute("path"));
            }
        }
        assertEquals(expectedScopes(), scopes);
        for (String jar : scopes.keySet()) {
            assertTrue(Files.isRegularFile(ROOT.resolve(jar)), jar + " is named but not in lib/ (make deps)");
        }
    }

    @Test
    void eclipse_classpath_has_the_makefiles_source_roots_and_compiles_outside_bin() throws IOException {
        Set<String> main = new LinkedHashSet<>();
        Set<String> resources = new LinkedHashSet<>();
        Set<String> tests = new LinkedHashSet<>();
        List<String> outputs = new ArrayList<>();
        for (Element entry : elements(parse(out.resolve(".classpath")), "classpathentry")) {
            String path = entry.getAttribute("path");
            switch (entry.getAttribute("kind")) {
                case "src" -> (isEclipseTest(entry) ? tests
                        : entry.getAttribute("excluding").equals("**/*.java") ? resources : main).add(path);
                case "output" -> outputs.add(path);
                case "con" -> assertTrue(path.endsWith("/JavaSE-21"), path);
                default -> { }
            }
            if (!entry.getAttribute("output").isEmpty()) {
                outputs.add(entry.getAttribute("output"));
            }
        }
        assertEquals(makefileRoots("main"), main);
        assertEquals(makefileRoots("resources"), resources);
        assertEquals(makefileRoots("test"), tests);
        assertFalse(outputs.isEmpty());
        outputs.forEach(output -> assertTrue(output.startsWith("build/"), "compiles into " + output + ", not build/"));
        String prefs = Files.readString(out.resolve(".settings/org.eclipse.jdt.core.prefs"), StandardCharsets.UTF_8);
        assertTrue(prefs.contains("org.eclipse.jdt.core.compiler.compliance=21"), prefs);
        assertTrue(prefs.contains("org.eclipse.jdt.core.compiler.release=enabled"), prefs);
    }

    @Test
    void intellij_module_has_the_makefiles_source_roots_and_level_21() throws IOException {
        Set<String> main = new LinkedHashSet<>();
        Set<String> resources = new LinkedHashSet<>();
        Set<String> tests = new LinkedHashSet<>();
        String prefix = "file://$MODULE_DIR$/../";
        for (Element folder : elements(parse(out.resolve(".idea/userapi.iml")), "sourceFolder")) {
            String url = folder.getAttribute("url");
            assertTrue(url.startsWith(prefix), url);
            String path = url.substring(prefix.length());
            if (folder.getAttribute("type").equals("java-resource")) {
                resources.add(path);
            } else {
                (folder.getAttribute("isTestSource").equals("true") ? tests : main).add(path);
            }
        }
        assertEquals(makefileRoots("main"), main);
        assertEquals(makefileRoots("resources"), resources);
        assertEquals(makefileRoots("test"), tests);

        Element manager = elements(parse(out.resolve(".idea/misc.xml")), "component").getFirst();
        assertEquals("JDK_21", manager.getAttribute("languageLevel"));
        Element module = elements(parse(out.resolve(".idea/modules.xml")), "module").getFirst();
        assertEquals("$PROJECT_DIR$/.idea/userapi.iml", module.getAttribute("filepath"));
    }

    @Test
    void intellij_module_uses_a_library_per_jar_with_test_jars_in_test_scope() throws IOException {
        Map<String, String> libraryJars = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(out.resolve(".idea/libraries"))) {
            for (Path file : files.toList()) {
                Element library = elements(parse(file), "library").getFirst();
                List<Element> roots = elements(library.getOwnerDocument(), "root");
                assertEquals(1, roots.size(), file.toString());
                Matcher jar = Pattern.compile("jar://\\$PROJECT_DIR\\$/(lib/[^!]+\\.jar)!/").matcher(roots.getFirst().getAttribute("url"));
                assertTrue(jar.matches(), roots.getFirst().getAttribute("url"));
                libraryJars.put(library.getAttribute("name"), jar.group(1));
            }
        }
        assertEquals(JAR_OF_COORDINATES, libraryJars);

        Map<String, String> scopes = new LinkedHashMap<>();
        for (Element entry : elements(parse(out.resolve(".idea/userapi.iml")), "orderEntry")) {
            if (entry.getAttribute("type").equals("library")) {
                String jar = libraryJars.get(entry.getAttribute("name"));
                assertTrue(jar != null, "no library file defines " + entry.getAttribute("name"));
                scopes.put(jar, entry.getAttribute("scope").equals("TEST") ? "test" : "compile");
            }
        }
        assertEquals(expectedScopes(), scopes);
    }

    @Test
    void tests_started_from_either_ide_get_the_jvm_flags_make_test_gives_them() throws IOException {
        JsonNode config = JSON.readTree(Files.readString(out.resolve(".vscode/settings.json"), StandardCharsets.UTF_8))
                .get("java.test.config");
        List<String> vscode = new ArrayList<>();
        config.get("vmArgs").forEach(arg -> vscode.add(arg.asString()));
        Element junit = elements(parse(out.resolve(".idea/runConfigurations/userapi_tests.xml")), "option").stream()
                .filter(option -> option.getAttribute("name").equals("VM_PARAMETERS")).findFirst().orElseThrow();
        List<String> intellij = List.of(junit.getAttribute("value").split(" "));
        String makefile = Files.readString(ROOT.resolve("Makefile"), StandardCharsets.UTF_8);
        String logging = "-Djava.util.logging.config.file=src/core/test-resources/logging.properties";
        assertTrue(makefile.contains(logging), "make test no longer reads that logging.properties: update bin/ide-files");
        for (List<String> flags : List.of(vscode, intellij)) {
            assertTrue(flags.contains("--enable-native-access=ALL-UNNAMED"), flags.toString());
            assertTrue(flags.contains(logging), flags.toString());
            assertTrue(flags.stream().anyMatch(flag -> flag.startsWith("-Duserapi.jar=")), flags.toString());
        }
    }

    /** The folders the Makefile compiles: find src/... -name '*.java' (main or test by name) and its RESOURCES. */
    private static Set<String> makefileRoots(String kind) throws IOException {
        String makefile = Files.readString(ROOT.resolve("Makefile"), StandardCharsets.UTF_8);
        Pattern pattern = kind.equals("resources")
                ? Pattern.compile("^RESOURCES\\s*:=\\s*\\$\\(shell find (\\S+) -type f", Pattern.MULTILINE)
                : Pattern.compile("^\\w*_SRC\\s*:=\\s*\\$\\(shell find (\\S+) -name '\\*\\.java'", Pattern.MULTILINE);
        Set<String> roots = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(makefile);
        while (matcher.find()) {
            String root = matcher.group(1);
            boolean test = root.endsWith("/test");
            if (kind.equals("resources") || test == kind.equals("test")) {
                roots.add(root);
                assertTrue(Files.isDirectory(ROOT.resolve(root)), root);
            }
        }
        assertFalse(roots.isEmpty(), "no " + kind + " root found in the Makefile");
        return roots;
    }

    /** Each jar with the scope an IDE should give it: test for test jars, compile for core and runtime ones. */
    private static Map<String, String> expectedScopes() {
        Map<String, String> expected = new LinkedHashMap<>();
        SCOPE_OF_JAR.forEach((jar, scope) -> expected.put(jar, scope.equals("test") ? "test" : "compile"));
        return expected;
    }

    private static boolean isEclipseTest(Element entry) {
        return elements(entry, "attribute").stream()
                .anyMatch(a -> a.getAttribute("name").equals("test") && a.getAttribute("value").equals("true"));
    }

    private static Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new AssertionError(file + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static List<Element> elements(Document document, String tag) {
        return list(document.getElementsByTagName(tag));
    }

    private static List<Element> elements(Element element, String tag) {
        return list(element.getElementsByTagName(tag));
    }

    private static List<Element> list(NodeList nodes) {
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i))
                .collect(Collectors.toList());
    }
}
