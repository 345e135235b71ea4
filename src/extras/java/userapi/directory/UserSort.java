package userapi.directory;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The orders of the admin's user list; a leading '-' reverses. Every order is total: the id breaks ties of the
 * creation time and of the name; e-mails are unique and need no tie-break.
 */
public enum UserSort {
    CREATED_AT("createdAt"), CREATED_AT_DESC("-createdAt"), EMAIL("email"), EMAIL_DESC("-email"),
    NAME("name"), NAME_DESC("-name");

    private final String label;

    UserSort(String label) {
        this.label = label;
    }

    /** How the order is written in ?sort= and in a cursor. */
    @JsonValue
    public String label() {
        return label;
    }

    public boolean descending() {
        return label.startsWith("-");
    }
}
