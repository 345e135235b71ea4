package userapi.exception;

/** Expected, 422 EMAIL_DOMAIN_NOT_ALLOWED, INFO: the lecture's business rule, no sign-up from a blocked domain. */
public final class EmailDomainNotAllowed extends ExpectedException {
    public EmailDomainNotAllowed(String domain) {
        super(UserError.EMAIL_DOMAIN_NOT_ALLOWED, "E-mail addresses at " + domain + " are not allowed.");
    }
}
