package userapi.account;

import java.time.Instant;
import java.util.UUID;

/**
 * A token sent by mail, as the store keeps it: the SHA-256 of the secret (hex; the secret itself is only in the
 * mail), whose it is, what it is for, the address it was sent to, when it was made and when it dies. A token is
 * good once: using it, or issuing a newer one of the same purpose to the same user, ends it.
 */
public record OneTimeToken(String hash, UUID userId, Purpose purpose, String email, Instant createdAt, Instant expiresAt) {

    /** What a token may do; label is how the store writes it. */
    public enum Purpose {
        PASSWORD_RESET("reset"),
        EMAIL_VERIFICATION("verify");

        private final String label;

        Purpose(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Purpose ofLabel(String label) {
            for (Purpose purpose : values()) {
                if (purpose.label.equals(label)) {
                    return purpose;
                }
            }
            throw new IllegalArgumentException("no token purpose is labelled " + label);
        }
    }

    @Override
    public String toString() {
        return "OneTimeToken[userId=" + userId + ", purpose=" + purpose.label() + ", expiresAt=" + expiresAt + "]";
    }
}
