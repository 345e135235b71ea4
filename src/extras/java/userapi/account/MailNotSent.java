package userapi.account;

/** A mail the adapter could not deliver this time (the server is down, refused it, timed out); the outbox retries. */
public final class MailNotSent extends Exception {
    public MailNotSent(String message, Throwable cause) {
        super(message, cause);
    }
}
