package userapi.mail;

import userapi.account.Mailer;

import java.time.Clock;
import java.util.logging.Logger;

/** Picks the Mailer the settings ask for: SMTP when they name a server, .eml files otherwise. */
public final class Mailers {
    private static final Logger LOG = Logger.getLogger(Mailers.class.getName());

    private Mailers() {
    }

    public static Mailer of(MailSettings settings) {
        return of(settings, Clock.systemUTC());
    }

    public static Mailer of(MailSettings settings, Clock clock) {
        if (settings.usesSmtp()) {
            LOG.info(() -> "mail goes out through " + settings.smtpHost() + ":" + settings.smtpPort() + " ("
                    + settings.security() + (settings.username() == null ? "" : ", as " + settings.username())
                    + "), from " + settings.from());
            return new SmtpMailer(settings, clock);
        }
        LOG.info(() -> "no SMTP server is set: each mail is written as an .eml file under "
                + settings.directory().toAbsolutePath());
        return new FileMailer(settings.directory(), settings.from(), clock);
    }
}
