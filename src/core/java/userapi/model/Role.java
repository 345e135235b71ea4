package userapi.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a user may do beyond their own account: every sign-up is USER; ADMIN is given from the command line only. */
public enum Role {
    USER, ADMIN;

    /** "user" or "admin": how the role is written in JSON and stored in the database. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored label back to the role; anything else is a corrupt row. */
    public static Role ofLabel(String label) {
        for (Role role : values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role label");
    }
}
