package userapi.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import userapi.logging.LogContext;
import userapi.logging.LogText;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Outermost filter: gives each request its id (the client's X-Request-Id when it is safe, else a new one),
 * puts it in the response header and in every log line of the request, and writes one access line at the end
 * (with the error code and detail of an expected failure: one line per request, however it ends).
 */
public final class RequestContextFilter extends Filter {
    private static final Logger LOG = Logger.getLogger(RequestContextFilter.class.getName());
    private static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public String description() {
        return "Request id and access log";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        long start = System.nanoTime();
        String requestId = chooseId(exchange.getRequestHeaders().getFirst(HEADER));
        exchange.getResponseHeaders().set(HEADER, requestId);
        LogContext.setRequestId(requestId);
        try {
            chain.doFilter(exchange);
        } finally {
            long micros = (System.nanoTime() - start) / 1_000;
            int status = exchange.getResponseCode();
            String outcome = LogContext.outcome();
            LOG.info(() -> LogText.truncate(exchange.getRequestMethod()) + " "
                    + LogText.truncate(exchange.getRequestURI().getRawPath()) + " " + status + " " + millis(micros) + "ms"
                    + (outcome == null ? "" : " " + outcome));
            LogContext.clear();
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

    /**
     * The id given to this exchange, for the error body. It is read back from the response header, which belongs
     * to this exchange alone: HttpExchange attributes would not do, the JDK stores them in the HttpContext, shared
     * by every exchange in flight (JDK-8235786), so a concurrent request could overwrite them.
     */
    public static String requestId(HttpExchange exchange) {
        return exchange.getResponseHeaders().getFirst(HEADER);
    }
}
