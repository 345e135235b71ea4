package userapi.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of LogText: untrusted text comes out as one visible line, and long text is cut with a marker. */
class LogTextTest {

    @Test
    void escapes_line_breaks_and_tabs_with_their_usual_escapes() {
        assertEquals("a\\rb\\nc\\td", LogText.escape("a\rb\nc\td"));
        assertEquals("\\r\\n2024-01-01T00:00:00.000Z SEVERE forged", LogText.escape("\r\n2024-01-01T00:00:00.000Z SEVERE forged"));
    }

    @ParameterizedTest
    @CsvSource({
            "0, \\u0000", "7, \\u0007", "11, \\u000b", "12, \\u000c", "27, \\u001b", "31, \\u001f", // C0
            "127, \\u007f", // DEL
            "128, \\u0080", "133, \\u0085", "155, \\u009b", "159, \\u009f", // C1, with NEL and CSI
            "8232, \\u2028", "8233, \\u2029"}) // line and paragraph separators
    void escapes_other_control_characters_and_unicode_line_separators_as_u_escapes(int codePoint, String expected) {
        assertEquals("x" + expected + "y", LogText.escape("x" + (char) codePoint + "y"));
    }

    @Test
    void leaves_no_character_that_could_break_or_recolour_a_line() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            every.append(c);
        }

        String escaped = LogText.escape(every.toString());

        assertTrue(escaped.chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'), escaped);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii", "김민준 Ada Lovelace 😀", "backslash \\n stays literal", "\u00a0 no-break space"})
    void returns_text_without_controls_unchanged(String text) {
        assertSame(text, LogText.escape(text));
    }

    @Test
    void escapes_null_as_the_word_null() {
        assertEquals("null", LogText.escape(null));
    }

    @Test
    void keeps_text_up_to_the_maximum_length() {
        String exactly = "x".repeat(LogText.MAX_LENGTH);

        assertSame(exactly, LogText.truncate(exactly));
        assertEquals("short", LogText.truncate("short"));
        assertNull(LogText.truncate(null));
    }

    @Test
    void cuts_longer_text_to_the_maximum_length_and_marks_the_cut() {
        String cut = LogText.truncate("y".repeat(LogText.MAX_LENGTH) + "z".repeat(50));

        assertEquals("y".repeat(LogText.MAX_LENGTH) + "...", cut);
    }

    @Test
    void never_cuts_a_character_outside_the_bmp_in_half() {
        String text = "x".repeat(LogText.MAX_LENGTH - 1) + "😀" + "tail"; // the emoji's two chars straddle the limit

        String cut = LogText.truncate(text);

        assertEquals("x".repeat(LogText.MAX_LENGTH - 1) + "...", cut);
        assertTrue(cut.chars().noneMatch(c -> Character.isSurrogate((char) c)), "no lone surrogate, which UTF-8 would write as '?'");
    }
}
