package userapi.service;

import java.net.IDN;
import java.util.Locale;

/**
 * The one canonical form of an e-mail address, used wherever an address is compared (sign-up, change, login,
 * the admin command): the whole address lower-cased, its domain mapped by IDNA. Without it "ADA@Example.com"
 * would not log in as "ada@example.com", and "mailinator\u3002com" (an ideographic full stop) would dodge the
 * blocked-domain rule and uniqueness.
 */
public final class EmailAddresses {
    private EmailAddresses() {
    }

    /** "Ada@EX\u00c4MPLE.com." -> "ada@ex\u00e4mple.com": readable Unicode, not xn--, and no root dot. */
    public static String canonical(String email) {
        String lower = email.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        return lower.substring(0, at + 1) + IDN.toUnicode(asciiDomain(lower.substring(at + 1)));
    }

    /** The domain of a canonical or raw address as DNS sees it (ASCII, xn-- for Unicode labels), for the blocked list. */
    public static String asciiDomainOf(String email) {
        String lower = email.toLowerCase(Locale.ROOT);
        return asciiDomain(lower.substring(lower.lastIndexOf('@') + 1));
    }

    /** IDNA maps the Unicode full stops to '.' and drops ignorable characters; no root dot. */
    private static String asciiDomain(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAHostName) { // an empty or overlong label, which @Email already refuses
            ascii = domain;
        }
        return ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
    }
}
