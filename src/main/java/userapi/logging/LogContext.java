package userapi.logging;

/**
 * The current request's id for log lines (like SLF4J's MDC), and the error code of an expected failure for its
 * access line. It is the one piece of static state in the app:
 * java.util.logging builds formatters itself, so they cannot be handed the id; a thread-local set and cleared
 * by RequestContextFilter around each request (each on its own virtual thread) leaks nothing between requests.
 */
public final class LogContext {
    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
    private static final ThreadLocal<String> OUTCOME = new ThreadLocal<>();

    private LogContext() {
    }

    public static void setRequestId(String requestId) {
        REQUEST_ID.set(requestId);
    }

    public static void clear() {
        REQUEST_ID.remove();
        OUTCOME.remove();
    }

    /** What went wrong in this request, e.g. "EMAIL_ALREADY_REGISTERED: This e-mail ...", for the access line. */
    public static void setOutcome(String outcome) {
        OUTCOME.set(outcome);
    }

    public static String outcome() {
        return OUTCOME.get();
    }

    public static String requestId() {
        return REQUEST_ID.get();
    }
}
