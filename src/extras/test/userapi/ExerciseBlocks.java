package userapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code of an exercise, read from the doc that prints it and applied as printed, so that the doc and the check
 * of it (docs/exercises/check-count-exercise.sh, ExercisesTest) cannot drift apart. JDK classes only: the script
 * runs this file as it is, {@code java src/extras/test/userapi/ExerciseBlocks.java count docs/LEARN.md DIR}.
 * <p>
 * In the Markdown, an HTML comment (invisible once rendered) right above a fenced code block says where the block
 * goes; the anchor TEXT, in single quotes, must be on exactly one line of the file:
 * <pre>
 * &lt;!-- exercise:NAME create=FOLDER/ class=NAME --&gt;       the block is a new file, FOLDER/NAME.java
 * &lt;!-- exercise:NAME file=PATH after='TEXT' --&gt;         inserted after the line with TEXT
 * &lt;!-- exercise:NAME file=PATH before='TEXT' --&gt;        inserted before it
 * &lt;!-- exercise:NAME file=PATH after-member='TEXT' --&gt;   a blank line and the block after the member (method,
 *                                                         field, nested type) that starts on that line
 * &lt;!-- exercise:NAME file=PATH replace-member='TEXT' --&gt; replaces that member, its annotations included
 * &lt;!-- exercise:NAME command --&gt;                       a console block whose "$ " lines run the exercise's tests
 * </pre>
 */
public final class ExerciseBlocks {
    private static final Pattern MARKER = Pattern.compile("^<!-- exercise:([\\w-]+) (.*?)\\s*-->\\s*$");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)(?:=(?:'([^']*)'|(\\S+)))?");
    private static final List<String> OPERATIONS = List.of("after", "before", "after-member", "replace-member");

    /** One marked block: where it goes (file, operation, anchor) and its lines, as the doc prints them. */
    public record Edit(String exercise, int docLine, String file, String operation, String anchor, List<String> lines) {
    }

    private ExerciseBlocks() {
    }

    /** Every exercise the doc marks, in the order they first appear. */
    public static List<String> exercises(String markdown) {
        List<String> names = new ArrayList<>();
        for (String line : markdown.lines().toList()) {
            Matcher marker = MARKER.matcher(line.strip());
            if (marker.matches() && !names.contains(marker.group(1))) {
                names.add(marker.group(1));
            }
        }
        return names;
    }

    /** The file edits of one exercise, in the doc's order. @throws IllegalArgumentException on a malformed marker */
    public static List<Edit> edits(String markdown, String exercise) {
        List<Edit> edits = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        for (int n = 0; n < lines.size(); n++) {
            Matcher marker = MARKER.matcher(lines.get(n).strip());
            if (!marker.matches() || !marker.group(1).equals(exercise)) {
                continue;
            }
            Map<String, String> attributes = attributes(marker.group(2), n + 1);
            if (attributes.containsKey("command")) {
                continue;
            }
            String operation;
            String file;
            String anchor = null;
            if (attributes.containsKey("create")) { // a folder and the class of the new file in it
                operation = "create";
                String folder = attributes.get("create");
                String type = attributes.get("class");
                if (folder == null || !folder.endsWith("/") || type == null || !type.matches("[A-Z]\\w*")) {
                    throw new IllegalArgumentException("line " + (n + 1) + ": create needs a FOLDER/ and class=NAME: "
                            + lines.get(n).strip());
                }
                file = folder + type + ".java";
            } else {
                file = attributes.get("file");
                List<String> given = OPERATIONS.stream().filter(attributes::containsKey).toList();
                if (file == null || given.size() != 1) {
                    throw new IllegalArgumentException("line " + (n + 1) + ": an exercise marker needs create=FOLDER/ class=NAME, or"
                            + " file=PATH and one of " + OPERATIONS + ": " + lines.get(n).strip());
                }
                operation = given.getFirst();
                anchor = attributes.get(operation);
                if (anchor == null || anchor.isBlank()) {
                    throw new IllegalArgumentException("line " + (n + 1) + ": " + operation + " needs a text: " + lines.get(n).strip());
                }
            }
            edits.add(new Edit(exercise, n + 1, file, operation, anchor, block(lines, n)));
        }
        return edits;
    }

    /** The "$ " lines of the console block the exercise's command marker stands above: how to run its tests. */
    public static List<String> commands(String markdown, String exercise) {
        List<String> lines = markdown.lines().toList();
        List<String> commands = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            Matcher marker = MARKER.matcher(lines.get(n).strip());
            if (marker.matches() && marker.group(1).equals(exercise) && attributes(marker.group(2), n + 1).containsKey("command")) {
                block(lines, n).stream().map(String::strip).filter(l -> l.startsWith("$ ")).map(l -> l.substring(2))
                        .forEach(commands::add);
            }
        }
        return commands;
    }

    private static Map<String, String> attributes(String text, int docLine) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (Character.isWhitespace(text.charAt(at))) {
                at++;
                continue;
            }
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("line " + docLine + ": cannot read the exercise marker at '" + text.substring(at) + "'");
            }
            attributes.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
            at = m.end();
        }
        return attributes;
    }

    /** The lines of the fenced block that starts on the next non-blank line after the marker on line n. */
    private static List<String> block(List<String> lines, int n) {
        int fence = n + 1;
        while (fence < lines.size() && lines.get(fence).isBlank()) {
            fence++;
        }
        if (fence >= lines.size() || !lines.get(fence).strip().startsWith("```")) {
            throw new IllegalArgumentException("line " + (n + 1) + ": no code block follows the exercise marker");
        }
        String indent = lines.get(fence).substring(0, lines.get(fence).indexOf('`'));
        List<String> block = new ArrayList<>();
        for (int i = fence + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                return block;
            }
            // a block inside a list item is indented as a whole; the code is what is under that indentation
            block.add(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading());
        }
        throw new IllegalArgumentException("line " + (n + 1) + ": the code block under the exercise marker never ends");
    }

    /**
     * The files as they are after the edits, applied in order to the sources under root: what would be written.
     * Nothing is written. @throws IllegalStateException naming the doc's line when an edit does not apply
     */
    public static Map<String, List<String>> apply(Path root, List<Edit> edits) {
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (Edit edit : edits) {
            String where = "docs line " + edit.docLine() + " (" + edit.operation() + " in " + edit.file() + "): ";
            Path path = root.resolve(edit.file());
            if (edit.operation().equals("create")) {
                if (files.containsKey(edit.file()) || Files.exists(path)) {
                    throw new IllegalStateException(where + "the file exists already");
                }
                files.put(edit.file(), new ArrayList<>(edit.lines()));
                continue;
            }
            List<String> file = files.get(edit.file());
            if (file == null) {
                if (!Files.isRegularFile(path)) {
                    throw new IllegalStateException(where + "no such file");
                }
                file = new ArrayList<>(read(path));
                files.put(edit.file(), file);
            }
            int line = theLineWith(file, edit.anchor(), where);
            switch (edit.operation()) {
                case "after" -> file.addAll(line + 1, edit.lines());
                case "before" -> file.addAll(line, edit.lines());
                case "after-member" -> {
                    List<String> withBlankLine = new ArrayList<>(List.of(""));
                    withBlankLine.addAll(edit.lines());
                    file.addAll(endOfMember(file, line, where) + 1, withBlankLine);
                }
                case "replace-member" -> {
                    int first = line;
                    while (first > 0 && file.get(first - 1).strip().startsWith("@")) {
                        first--;
                    }
                    int last = endOfMember(file, line, where);
                    file.subList(first, last + 1).clear();
                    file.addAll(first, edit.lines());
                }
                default -> throw new IllegalStateException(where + "unknown operation");
            }
        }
        return files;
    }

    /**
     * Whether the exercise is applied already (a learner did it in this tree): every block's lines stand, in one
     * piece, in its file. A block that replaces a member is present when its lines are.
     */
    public static boolean isApplied(Path root, List<Edit> edits) {
        for (Edit edit : edits) {
            Path path = root.resolve(edit.file());
            if (!Files.isRegularFile(path) || java.util.Collections.indexOfSubList(read(path), edit.lines()) < 0) {
                return false;
            }
        }
        return !edits.isEmpty();
    }

    /** The lines an applied exercise added under a folder, and the files it created there: what counts leave out. */
    public static int[] addedUnder(String folder, List<Edit> edits) {
        int lines = 0;
        int files = 0;
        for (Edit edit : edits) {
            if (edit.file().startsWith(folder + "/")) {
                lines += edit.lines().size() + (edit.operation().equals("after-member") ? 1 : 0);
                files += edit.operation().equals("create") ? 1 : 0;
            }
        }
        return new int[] {lines, files};
    }

    private static int theLineWith(List<String> file, String anchor, String where) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < file.size(); i++) {
            if (file.get(i).contains(anchor)) {
                found.add(i);
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException(where + "'" + anchor + "' is on " + found.size()
                    + " lines of the file, not exactly one" + (found.isEmpty() ? "" : " (lines " + found.stream().map(i -> i + 1).toList() + ")"));
        }
        return found.getFirst();
    }

    /**
     * The last line of the member that starts on line start: the brace that closes its body, or the ';' that ends
     * it when it has none (an abstract method, a field). Braces, parentheses and ';' in strings and comments do not count.
     */
    private static int endOfMember(List<String> file, int start, String where) {
        int end = endOfDeclaration(file, start);
        String last = file.get(end).strip();
        if (!last.endsWith("}") && !last.endsWith(";")) {
            throw new IllegalStateException(where + "the member starting at line " + (start + 1) + " never ends");
        }
        return end;
    }

    /**
     * The line of the brace that closes the declaration starting on line start, or of its ';' when it has no body.
     * Braces and semicolons in strings, character literals, text blocks and comments do not count; the file's last
     * line when it never closes. Shared with DocsTest, which finds the extent of a method an excerpt names.
     */
    public static int endOfDeclaration(List<String> fileLines, int start) {
        int braces = 0;
        int parens = 0;
        boolean inBlockComment = false;
        boolean inTextBlock = false;
        for (int i = start; i < fileLines.size(); i++) {
            String line = fileLines.get(i);
            for (int j = 0; j < line.length(); j++) {
                char ch = line.charAt(j);
                if (inBlockComment) {
                    if (line.startsWith("*/", j)) {
                        inBlockComment = false;
                        j++;
                    }
                } else if (inTextBlock) {
                    if (line.startsWith("\"\"\"", j)) {
                        inTextBlock = false;
                        j += 2;
                    } else if (ch == '\\') {
                        j++;
                    }
                } else if (line.startsWith("//", j)) {
                    break;
                } else if (line.startsWith("/*", j)) {
                    inBlockComment = true;
                    j++;
                } else if (line.startsWith("\"\"\"", j)) {
                    inTextBlock = true;
                    j += 2;
                } else if (ch == '"' || ch == '\'') {
                    j = closingQuote(line, j);
                } else if (ch == '(') {
                    parens++;
                } else if (ch == ')') {
                    parens--;
                } else if (ch == '{') {
                    braces++;
                } else if (ch == '}') {
                    braces--;
                    if (braces == 0) {
                        return i;
                    }
                } else if (ch == ';' && braces == 0 && parens == 0) {
                    return i;
                }
            }
        }
        return fileLines.size() - 1;
    }

    /** The index of the quote that closes the literal opened at line[open], or the line's last index. */
    private static int closingQuote(String line, int open) {
        char quote = line.charAt(open);
        for (int j = open + 1; j < line.length(); j++) {
            if (line.charAt(j) == '\\') {
                j++;
            } else if (line.charAt(j) == quote) {
                return j;
            }
        }
        return line.length() - 1;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what {@link #apply} computed under root. */
    public static void write(Path root, Map<String, List<String>> files) throws IOException {
        for (Map.Entry<String, List<String>> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, String.join("\n", file.getValue()) + "\n", StandardCharsets.UTF_8);
        }
    }

    /**
     * {@code ExerciseBlocks NAME DOC.md DIR}: applies exercise NAME of DOC.md to the repository in DIR and lists the
     * files it changed. {@code ExerciseBlocks --commands NAME DOC.md}: prints the commands that run its tests.
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("--commands")) {
            List<String> commands = commands(Files.readString(Path.of(args[2]), StandardCharsets.UTF_8), args[1]);
            if (commands.isEmpty()) {
                System.err.println("exercise " + args[1] + ": no command marker in " + args[2]);
                System.exit(1);
            }
            commands.forEach(System.out::println);
            return;
        }
        if (args.length != 3) {
            System.err.println("usage: ExerciseBlocks NAME DOC.md DIR   or   ExerciseBlocks --commands NAME DOC.md");
            System.exit(2);
        }
        List<Edit> edits = edits(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8), args[0]);
        if (edits.isEmpty()) {
            System.err.println("exercise " + args[0] + ": no marked code block in " + args[1]);
            System.exit(1);
        }
        Path root = Path.of(args[2]);
        Map<String, List<String>> files;
        try {
            files = apply(root, edits);
        } catch (IllegalStateException e) {
            System.err.println("exercise " + args[0] + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        write(root, files);
        System.out.println("exercise " + args[0] + ": " + edits.size() + " code blocks of " + args[1] + " applied to "
                + files.size() + " files:");
        files.keySet().forEach(file -> System.out.println("  " + file));
    }
}
