package userapi.account;

/**
 * One plain-text mail, as the account service writes it and an adapter of {@link Mailer} delivers it. Its text may
 * carry a one-time token's link, so toString never shows the text.
 */
public record Mail(String to, String subject, String text) {
    @Override
    public String toString() {
        return "Mail[to=" + to + ", subject=" + subject + "]";
    }
}
