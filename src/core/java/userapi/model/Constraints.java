package userapi.model;

import java.text.Normalizer;

/** The limits that the request models share, so create and update cannot drift apart. */
public final class Constraints {
    public static final int NAME_MAX = 50;
    public static final int EMAIL_MAX = 254;
    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 128;
    /**
     * A name someone can see: at least one visible character (not only spaces, marks, or blanks such as the Hangul
     * filler U+3164 and the braille blank U+2800), and no character that is invisible or moves others about: no
     * control characters (category Cc), no line or paragraph separators, and no formatting characters (category
     * Cf: zero-width space and joiners U+200B-U+200D, the bidirectional marks, embeddings, overrides and isolates
     * U+200E-U+200F, U+202A-U+202E, U+2066-U+2069, the byte order mark U+FEFF ...). One pattern, because the
     * JSON Schema of /openapi.json holds one per field; built of single-character classes only, so that matching a
     * long value takes no recursion. The empty name is @CodePointLength's to refuse.
     */
    public static final String VISIBLE_NAME =
            "(?=$|[\\s\\S]*[^\\p{Z}\\p{C}\\p{M}\\u115F\\u1160\\u2800\\u3164\\uFFA0])[^\\p{Cc}\\p{Cf}\\u2028\\u2029]*";
    public static final String VISIBLE_NAME_MESSAGE =
            "must contain a visible character and no control, invisible or bidirectional formatting characters";
    /**
     * The part before the last @ in ASCII: internationalised local parts (RFC 6531) are not supported, and so no
     * Cyrillic "\u0430" passes for a Latin "a". Checked after {@link #compatibilityForm}, which has already turned a
     * full-width "\uff41" into "a". A value without an @ is left to @Email.
     */
    public static final String ASCII_LOCAL_PART = "(?:\\p{ASCII}*@)?[^@]*";
    public static final String ASCII_LOCAL_PART_MESSAGE =
            "must have an ASCII local part before the @ (internationalised addresses are not supported)";

    private Constraints() {
    }

    public static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /**
     * NFKC, then strip: compatibility characters become the plain ones ("d\uff41ve\uff20example.com", full-width,
     * is "dave@example.com"), so that the rules check, and the service stores, the address as it compares.
     */
    public static String compatibilityForm(String value) {
        return value == null ? null : Normalizer.normalize(value, Normalizer.Form.NFKC).strip();
    }
}
