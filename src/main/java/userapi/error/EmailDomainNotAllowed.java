package userapi.error;

/** The lecture's business rule: e-mail addresses on a blocked domain may not register. */
public final class EmailDomainNotAllowed extends AppException {
    public EmailDomainNotAllowed(String domain) {
        super("E-mail addresses at " + domain + " are not allowed.");
    }
}
