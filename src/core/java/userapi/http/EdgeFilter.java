package userapi.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import userapi.exception.ErrorCode;
import userapi.exception.ExpectedException;
import userapi.exception.ServerError;
import userapi.exception.StorageUnavailable;
import userapi.exception.ValidationFailed;
import userapi.logging.LogContext;
import userapi.logging.LogText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The edge of every request, outermost filter: gives the request its id, is the global exception handler
 * (FastAPI's exception_handler), and writes the request's one access line, with the client's address (the
 * socket's peer, or the one an extra resolved behind a trusted proxy and set in LogContext) and the user who made
 * it if a sign-in decorator named one in LogContext (never their token). The id is chosen here once and passed down as
 * a value; LogContext only copies it for log lines.
 * <ul>
 * <li>An ExpectedException becomes its problem+json answer; its code and detail go into the access line (INFO).
 * <li>Anything else is unexpected: logged here at SEVERE with its stack trace; the client sees a generic 500 with
 *     the request id (503 with Retry-After for StorageUnavailable). If even that fails, a fixed 500 goes out.
 * <li>A connection that closed under the answer (the client left, or the JDK's time limit cut it) is nobody's
 *     bug: FINE without a stack trace, and the access line says the answer was not sent.
 * </ul>
 */
public final class EdgeFilter extends Filter {
    private static final Logger LOG = Logger.getLogger(EdgeFilter.class.getName());
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String GENERIC_DETAIL = "An unexpected error occurred. Quote the request id if you report it.";

    private final JsonBodyWriter writer;
    private final RequestObserver observer;

    public EdgeFilter(JsonBodyWriter writer) {
        this(writer, RequestObserver.NONE);
    }

    /** @param observer told of every request once it is answered (metrics hang here) */
    public EdgeFilter(JsonBodyWriter writer, RequestObserver observer) {
        this.writer = writer;
        this.observer = observer;
    }

    @Override
    public String description() {
        return "Request id, global exception handler and access line";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) {
        long start = System.nanoTime();
        String requestId = chooseId(exchange.getRequestHeaders().getFirst(REQUEST_ID_HEADER));
        exchange.getResponseHeaders().set(REQUEST_ID_HEADER, requestId);
        LogContext.setRequestId(requestId);
        String outcome = null;
        try {
            chain.doFilter(exchange);
        } catch (Throwable failure) {
            outcome = handle(exchange, requestId, failure);
        } finally {
            long nanos = System.nanoTime() - start;
            observer.answered(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), exchange.getResponseCode(), nanos);
            long micros = nanos / 1_000;
            String accessOutcome = outcome;
            String caller = LogContext.user();
            String resolved = LogContext.clientAddress();
            String peer = resolved != null ? null : Router.peerAddress(exchange);
            String client = resolved != null ? resolved : peer != null ? peer : Request.UNKNOWN_CLIENT;
            LOG.info(() -> LogText.truncate(exchange.getRequestMethod()) + " "
                    + LogText.truncate(exchange.getRequestURI().getRawPath()) + " " + exchange.getResponseCode() + " "
                    + millis(micros) + "ms client=" + LogText.truncate(client)
                    + (caller == null ? "" : " user=" + caller)
                    + (accessOutcome == null ? "" : " " + accessOutcome));
            LogContext.clear();
        }
    }

    /** Answers the failure; returns what the access line should add (an expected failure's code and detail). */
    private String handle(HttpExchange exchange, String requestId, Throwable failure) {
        ErrorCode entry = ErrorCode.of(failure);
        String outcome = null;
        if (failure instanceof ExpectedException) {
            outcome = entry.name() + ": " + failure.getMessage();
        } else if (failure instanceof StorageUnavailable) {
            LOG.log(Level.SEVERE, "storage unavailable while handling " + describe(exchange), failure.getCause());
        } else if (failure instanceof IOException && exchange.getResponseCode() != -1) {
            LOG.fine(() -> "the connection closed while the response was written: " + failure);
            exchange.close();
            return null;
        } else {
            LOG.log(Level.SEVERE, "unexpected error while handling " + describe(exchange), failure);
        }
        if (exchange.getResponseCode() != -1) {
            exchange.close(); // the status line has gone out already; all we can do is end the exchange
            return outcome;
        }
        try {
            writer.write(exchange, entry.status(), headers(entry, failure), problem(exchange, requestId, entry, failure));
        } catch (IOException closed) { // the client left, or the JDK closed it at a time limit: nobody to tell
            LOG.fine(() -> "the connection closed before the error response was sent: " + closed);
            exchange.close();
            return (outcome == null ? "" : outcome + " ") + "(not sent: the connection is closed)";
        } catch (Throwable writeFailure) {
            LOG.log(Level.SEVERE, "could not write the error response", writeFailure);
            lastResort(exchange);
        }
        return outcome;
    }

    static Problem problem(HttpExchange exchange, String requestId, ErrorCode entry, Throwable failure) {
        boolean shown = failure instanceof ExpectedException || failure instanceof StorageUnavailable;
        return new Problem(entry.type(), entry.title(), entry.status(), shown ? failure.getMessage() : GENERIC_DETAIL,
                exchange.getRequestURI().getRawPath(), entry.name(), requestId,
                failure instanceof ValidationFailed invalid ? invalid.errors() : null);
    }

    private static Map<String, String> headers(ErrorCode entry, Throwable failure) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", Problem.MEDIA_TYPE);
        if (failure instanceof ExpectedException expected) {
            headers.putAll(expected.headers()); // Allow, WWW-Authenticate, its own Retry-After
        }
        if (entry.retryAfterSeconds() > 0 && !headers.containsKey("Retry-After")) {
            headers.put("Retry-After", Integer.toString(entry.retryAfterSeconds()));
        }
        if (entry.closesConnection()) {
            headers.put("Connection", "close");
        }
        return headers;
    }

    private static String describe(HttpExchange exchange) {
        return LogText.truncate(exchange.getRequestMethod()) + " " + LogText.truncate(exchange.getRequestURI().getRawPath());
    }

    /** Built by hand, without Jackson, because writing the real problem has just failed. */
    private static void lastResort(HttpExchange exchange) {
        ErrorCode entry = ServerError.INTERNAL_ERROR;
        byte[] body = ("{\"type\":\"" + entry.type() + "\",\"title\":\"" + entry.title() + "\",\"status\":"
                + entry.status() + ",\"code\":\"" + entry.name() + "\"}").getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            if (exchange.getResponseCode() == -1) {
                exchange.getResponseHeaders().set("Content-Type", Problem.MEDIA_TYPE);
                exchange.sendResponseHeaders(entry.status(), body.length);
                exchange.getResponseBody().write(body);
            }
        } catch (IOException | RuntimeException ignored) {
            LOG.log(Level.FINE, "could not send the fixed 500 either", ignored);
        }
    }

    static String chooseId(String offered) {
        return offered != null && SAFE_ID.matcher(offered).matches() ? offered : newId();
    }

    /**
     * A random version-4 UUID from ThreadLocalRandom: a request id must be unique, not secret, and
     * UUID.randomUUID() would make every request queue on the one shared SecureRandom.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(high, low).toString();
    }

    /** 1234 microseconds -> "1.234", without String.format on every request. */
    static String millis(long micros) {
        String fraction = Long.toString(1000 + micros % 1000).substring(1);
        return micros / 1000 + "." + fraction;
    }
}
