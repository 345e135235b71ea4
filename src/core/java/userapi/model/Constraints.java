package userapi.model;

/** The limits that the request models share, so create and update cannot drift apart. */
public final class Constraints {
    public static final int NAME_MAX = 50;
    public static final int EMAIL_MAX = 254;
    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 128;
    /** No C0/C1 control characters and no Unicode line or paragraph separators in a name. */
    public static final String NO_CONTROL_CHARACTERS = "[^\\p{Cc}\\u2028\\u2029]*";

    private Constraints() {
    }

    public static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
