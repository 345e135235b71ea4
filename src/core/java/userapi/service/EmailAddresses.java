package userapi.service;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The one canonical form of an e-mail address, used wherever an address is compared (sign-up, change, login,
 * password reset, the admin command): the whole address in NFKC, lower-cased, its domain mapped by IDNA. Without
 * it "ADA@Example.com" would not log in as "ada@example.com", "d\uff41ve@example.com" (a full-width a) would sign
 * up beside "dave@example.com", and "mailinator\u3002com" (an ideographic full stop) would dodge the blocked-domain
 * rule and uniqueness. An address stored before NFKC was added keeps its form when it is ASCII, as nearly all are:
 * NFKC leaves ASCII as it is.
 */
public final class EmailAddresses {
    private EmailAddresses() {
    }

    /** "Ada@EX\u00c4MPLE.com." -> "ada@ex\u00e4mple.com": readable Unicode, not xn--, and no root dot. */
    public static String canonical(String email) {
        String lower = compatible(email).toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        return lower.substring(0, at + 1) + IDN.toUnicode(asciiDomain(lower.substring(at + 1)));
    }

    /** The domain of a canonical or raw address as DNS sees it (ASCII, xn-- for Unicode labels), for the blocked list. */
    public static String asciiDomainOf(String email) {
        String lower = compatible(email).toLowerCase(Locale.ROOT);
        return asciiDomain(lower.substring(lower.lastIndexOf('@') + 1));
    }

    /** NFKC: compatibility characters become the plain ones (full-width letters and @, ligatures, the Kelvin sign). */
    private static String compatible(String email) {
        return Normalizer.normalize(email, Normalizer.Form.NFKC);
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
