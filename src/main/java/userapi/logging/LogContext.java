package userapi.logging;

import java.util.function.Supplier;
import java.util.logging.LogRecord;

/**
 * The current request's id for log lines (like SLF4J's MDC). It is the one piece of static state in the app:
 * java.util.logging builds formatters itself, so they cannot be handed the id. http/EdgeFilter chooses the id,
 * sets it here before the request runs and clears it after (each request on its own virtual thread), so nothing
 * leaks between requests. Only LineFormatter reads it. It also keeps the thread's last formatted record, so the
 * console and the file handler format a record once between them.
 */
public final class LogContext {
    private static final ThreadLocal<Context> CONTEXT = new ThreadLocal<>();

    /** One per thread that logs: the request id, and the last record formatted with its formatted copy. */
    private static final class Context {
        String requestId;
        LogRecord record;
        LogRecord formatted;
    }

    private LogContext() {
    }

    public static void setRequestId(String requestId) {
        context().requestId = requestId;
    }

    public static void clear() {
        CONTEXT.remove();
    }

    public static String requestId() {
        Context context = CONTEXT.get();
        return context == null ? null : context.requestId;
    }

    /** The record's formatted copy: made by format the first time this thread asks for this record. */
    static LogRecord formattedOnce(LogRecord record, Supplier<LogRecord> format) {
        Context context = context();
        if (context.record != record) {
            context.formatted = format.get();
            context.record = record;
        }
        return context.formatted;
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
