package userapi.metrics;

/** The hook the mail outbox's sender calls for each mail sent, each failed attempt and each mail given up on; {@link Metrics} counts them. */
public interface MailMetrics {
    void mailSent();

    void mailAttemptFailed();

    void mailDropped();
}
