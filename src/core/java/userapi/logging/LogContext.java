package userapi.logging;

/**
 * The current request's id, the user who made it once a sign-in has proved one, and the client's address once an
 * extra has resolved one behind a trusted proxy, for log lines (like SLF4J's MDC). It is the one piece of static state in the app: java.util.logging builds formatters itself, so they
 * cannot be handed the id. http/EdgeFilter chooses the id, sets it here before the request runs and clears it
 * after (each request on its own virtual thread, and the JDK's handlers format on the thread that logs), so
 * nothing leaks between requests. LineFormatter reads the id; the edge's access line reads the user and the client.
 */
public final class LogContext {
    private static final ThreadLocal<Context> CONTEXT = new ThreadLocal<>();

    /** One per thread that serves a request. */
    private static final class Context {
        String requestId;
        String user;
        String clientAddress;
    }

    private LogContext() {
    }

    public static void setRequestId(String requestId) {
        context().requestId = requestId;
    }

    /** Names the user the request is made by (an id, never a token or an e-mail): set by a sign-in decorator. */
    public static void setUser(String user) {
        context().user = user;
    }

    /**
     * Names the client the request comes from, when it is not the socket's peer (a trusted proxy's X-Forwarded-For
     * named the client behind it): set by an extra that resolves it.
     */
    public static void setClientAddress(String clientAddress) {
        context().clientAddress = clientAddress;
    }

    public static void clear() {
        CONTEXT.remove();
    }

    public static String requestId() {
        Context context = CONTEXT.get();
        return context == null ? null : context.requestId;
    }

    /** The user this request is made by, or null when none was proved. */
    public static String user() {
        Context context = CONTEXT.get();
        return context == null ? null : context.user;
    }

    /** The client address an extra resolved for this request, or null when none did (the peer is the client). */
    public static String clientAddress() {
        Context context = CONTEXT.get();
        return context == null ? null : context.clientAddress;
    }

    private static Context context() {
        Context context = CONTEXT.get();
        if (context == null) {
            context = new Context();
            CONTEXT.set(context);
        }
        return context;
    }
}
