package userapi.error;

/** Expected, 422 EMAIL_DOMAIN_NOT_ALLOWED, INFO: the lecture's business rule, no sign-up from a blocked domain. */
public final class EmailDomainNotAllowed extends DomainException {
    public EmailDomainNotAllowed(String domain) {
        super("E-mail addresses at " + domain + " are not allowed.");
    }
}
