package userapi.mail;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where mail goes: to an SMTP server (smtpHost set), or, without one, into .eml files under directory. username and
 * password are null when the server wants no login; the password is never printed. from is required with an SMTP
 * server and defaults to {@link #DEFAULT_FROM} without one.
 */
public record MailSettings(String smtpHost, int smtpPort, Security security, String username, String password,
                           String from, Path directory) {
    public static final String DEFAULT_FROM = "userapi@localhost";

    /** How the connection to the SMTP server is protected. */
    public enum Security {
        /** Plain connection upgraded with STARTTLS; a server that does not offer it gets no mail. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        TLS,
        /** No encryption: only for a relay on the same host or network. */
        NONE
    }

    public MailSettings {
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(directory, "directory");
        if (smtpHost != null) {
            Objects.requireNonNull(from, "from is required with an SMTP server");
            if (smtpPort < 1 || smtpPort > 65_535) {
                throw new IllegalArgumentException("smtpPort must be from 1 to 65535, not " + smtpPort);
            }
        } else if (from == null) {
            from = DEFAULT_FROM;
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("a password needs a username");
        }
    }

    public boolean usesSmtp() {
        return smtpHost != null;
    }

    /** Like the record's own, but the password is only said to be there. */
    @Override
    public String toString() {
        return "MailSettings[smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", security=" + security
                + ", username=" + username + ", password=" + (password == null ? "none" : "***")
                + ", from=" + from + ", directory=" + directory + "]";
    }
}
