package userapi.metrics;

/**
 * The hook sign-in calls on a failed login and on an account being locked out; {@link Metrics} counts
 * them. The service takes it in its constructor.
 */
public interface SignInMetrics {
    void loginFailed();

    void lockedOut();
}
