package userapi.account;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * The texts of the mails the account service sends. Every link carries its token in the fragment (after #), which
 * a browser never sends to a server: the token reaches no access log, proxy or Referer header.
 */
public final class AccountMails {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Supplier<String> publicUrl;

    /** @param publicUrl the base of every link, e.g. https://users.example.com (asked each time: known once the server listens) */
    public AccountMails(Supplier<String> publicUrl) {
        this.publicUrl = publicUrl;
    }

    Mail passwordReset(String to, String token, Duration validFor) {
        return new Mail(to, "Reset the password of " + to,
                "Someone, hopefully you, asked to reset the password of the account with the address " + to + ".\n\n"
                        + "To choose a new password, open this link within " + minutes(validFor) + ":\n\n"
                        + link("/reset-password", token) + "\n\n"
                        + "The link works once. If you did not ask for it, ignore this mail: your password stays as it is.\n");
    }

    Mail verification(String to, String token, Duration validFor) {
        return new Mail(to, "Verify your e-mail address " + to,
                "Please confirm that " + to + " is your address by opening this link within " + hours(validFor) + ":\n\n"
                        + link("/verify-email", token) + "\n\n"
                        + "If you did not sign up or change your address, ignore this mail.\n");
    }

    /** To the old address after a change: what changed and when; no token, no link that acts. */
    Mail addressChanged(String oldAddress, String newAddress, Instant when) {
        return new Mail(oldAddress, "The e-mail address of your account was changed",
                "The e-mail address of the account that used " + oldAddress + " was changed to " + newAddress
                        + " on " + WHEN.format(when) + ".\n\n"
                        + "If you made this change, there is nothing to do. If you did not, someone else may have your\n"
                        + "password: contact the service's administrator at once.\n");
    }

    private String link(String page, String token) {
        return publicUrl.get() + page + "#token=" + token;
    }

    private static String minutes(Duration duration) {
        return duration.toMinutes() + " minutes";
    }

    private static String hours(Duration duration) {
        return duration.toHours() + " hours";
    }
}
