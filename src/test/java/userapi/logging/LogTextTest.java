package userapi.logging;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** LogText: client text becomes one visible, bounded piece of a log line. */
class LogTextTest {

    @Test
    void escapes_line_breaks_and_control_characters_visibly() {
        assertEquals("a\\nb", LogText.escape("a\nb"));
        assertEquals("a\\rb", LogText.escape("a\rb"));
        assertEquals("a\\tb", LogText.escape("a\tb"));
        assertEquals("a\\u0000b", LogText.escape("a\u0000b"));
        assertEquals("a\\u001b[31mb", LogText.escape("a\u001b[31mb"));
        assertEquals("a\\u007fb", LogText.escape("a\u007fb"));
        assertEquals("a\\u0085b", LogText.escape("a\u0085b"));
        assertEquals("a\\u009bb", LogText.escape("a\u009bb"));
        assertEquals("a\\u2028b", LogText.escape("a\u2028b"));
        assertEquals("a\\u2029b", LogText.escape("a\u2029b"));
        assertEquals("\\r\\nINFO forged", LogText.escape("\r\nINFO forged"));
    }

    @Test
    void leaves_ordinary_text_alone() {
        String text = "GET /users/ada ü € 😀 \"quoted\" \\backslash";
        assertSame(text, LogText.escape(text));
    }

    @Test
    void escapes_null_as_the_word_null() {
        assertEquals("null", LogText.escape(null));
    }

    @Test
    void truncates_long_text_and_marks_the_cut() {
        assertEquals("x".repeat(LogText.MAX_LENGTH), LogText.truncate("x".repeat(LogText.MAX_LENGTH)));
        assertEquals("x".repeat(LogText.MAX_LENGTH) + "...", LogText.truncate("x".repeat(LogText.MAX_LENGTH + 1)));
        assertEquals("x".repeat(LogText.MAX_LENGTH) + "...", LogText.truncate("x".repeat(100_000)));
    }
}
