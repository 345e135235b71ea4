package userapi.http;

import com.sun.net.httpserver.HttpExchange;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-way notes from the Router to the EdgeFilter about the exchanges in flight: which user (if any) a request
 * was made by, for its access line. The EdgeFilter opens a note before the chain and closes it after, so a note
 * never outlives its exchange; the Router can only fill a note that is open. (HttpExchange's own attributes
 * belong to the HttpContext, shared by every exchange, so they cannot carry this.)
 */
public final class AccessNotes {
    private static final UUID NOBODY = new UUID(0, 0);

    private final Map<HttpExchange, UUID> callers = new ConcurrentHashMap<>(); // HttpExchange: identity equality

    void open(HttpExchange exchange) {
        callers.put(exchange, NOBODY);
    }

    /** The request was made by this user; ignored if no EdgeFilter opened a note for the exchange. */
    void noteCaller(HttpExchange exchange, UUID userId) {
        callers.replace(exchange, userId);
    }

    /** Ends the note: the user the request was made by, or null for an anonymous one. */
    UUID close(HttpExchange exchange) {
        UUID userId = callers.remove(exchange);
        return NOBODY.equals(userId) ? null : userId;
    }
}
