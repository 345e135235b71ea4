package userapi.metrics;

/**
 * The hook sign-in (issue 9) calls on a failed login and on an account being locked out; {@link Metrics} counts
 * them. The service takes it in its constructor; NONE where nothing is counted (tests).
 */
public interface SignInMetrics {
    SignInMetrics NONE = new SignInMetrics() {
        @Override
        public void loginFailed() {
        }

        @Override
        public void lockedOut() {
        }
    };

    void loginFailed();

    void lockedOut();
}
