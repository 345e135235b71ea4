package userapi.http;

import userapi.model.Caller;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler may know of a request: decoded path parameters and query, the body's bytes and type, the few
 * header fields a handler may read ({@link #HANDLER_HEADERS}, the conditional-request ones), and on a protected
 * route the Caller its bearer token proved (null on a public route). The Router builds it from the exchange, so
 * handlers never touch HttpExchange, nor the Authorization header.
 */
public record Request(Map<String, String> pathParams, Map<String, List<String>> query, String contentType, byte[] body,
                      Map<String, String> headers, Caller caller) {
    /** The header fields the Router copies for handlers; names as written here. */
    public static final List<String> HANDLER_HEADERS = List.of("If-Match", "If-None-Match");

    public Request {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
        headers = Map.copyOf(headers);
    }

    /** A request of no one in particular, without any of the handler headers. */
    public Request(Map<String, String> pathParams, Map<String, List<String>> query, String contentType, byte[] body) {
        this(pathParams, query, contentType, body, Map.of(), null);
    }

    /** A request of no one in particular: what a public route gets. */
    public Request(Map<String, String> pathParams, Map<String, List<String>> query, String contentType, byte[] body,
                   Map<String, String> headers) {
        this(pathParams, query, contentType, body, headers, null);
    }

    /** A request by this caller, without any of the handler headers. */
    public Request(Map<String, String> pathParams, Map<String, List<String>> query, String contentType, byte[] body,
                   Caller caller) {
        this(pathParams, query, contentType, body, Map.of(), caller);
    }

    /** A header field of {@link #HANDLER_HEADERS}, if the request had it (several lines joined with ", "). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no path parameter " + name);
        }
        return value;
    }

    /** The first value of a query parameter, if it was given. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
