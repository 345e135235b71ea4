package userapi.audit;

import com.fasterxml.jackson.annotation.JsonValue;

/** The security events the audit trail records; label is how a row and the API name each. */
public enum AuditEventType {
    USER_CREATED("user.created"),
    LOGIN_SUCCEEDED("login.succeeded"),
    LOGIN_FAILED("login.failed"),
    LOGIN_LOCKED("login.locked"),
    LOGOUT("logout"),
    SESSION_REVOKED("session.revoked"),
    PASSWORD_CHANGED("password.changed"),
    EMAIL_CHANGED("email.changed"),
    USER_DISABLED("user.disabled"),
    USER_ENABLED("user.enabled"),
    ROLE_CHANGED("role.changed"),
    USER_DELETED("user.deleted"),
    PASSWORD_RESET("password.reset"),
    EMAIL_VERIFIED("email.verified");

    private final String label;

    AuditEventType(String label) {
        this.label = label;
    }

    /** How a row stores it and JSON writes and reads it: "user.created". */
    @JsonValue
    public String label() {
        return label;
    }

    /** The label, so that a refused query parameter is told the values it may take. */
    @Override
    public String toString() {
        return label;
    }

    public static AuditEventType ofLabel(String label) {
        for (AuditEventType type : values()) {
            if (type.label.equals(label)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no audit event is labelled " + label);
    }
}
