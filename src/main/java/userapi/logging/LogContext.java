package userapi.logging;

/**
 * The current request's id for log lines (like SLF4J's MDC). It is the one piece of static state in the app:
 * java.util.logging builds formatters itself, so they cannot be handed the id. http/EdgeFilter chooses the id,
 * sets it here before the request runs and clears it after (each request on its own virtual thread), so nothing
 * leaks between requests. Only LineFormatter reads it.
 */
public final class LogContext {
    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

    private LogContext() {
    }

    public static void setRequestId(String requestId) {
        REQUEST_ID.set(requestId);
    }

    public static void clear() {
        REQUEST_ID.remove();
    }

    public static String requestId() {
        return REQUEST_ID.get();
    }
}
