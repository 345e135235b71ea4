package userapi.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler may know of a request: decoded path parameters and query, the body's bytes and type, and the few
 * header fields the Router copies for handlers (the conditional-request ones, If-Match and If-None-Match, plus any
 * a decorator asked for). The Router builds it from the exchange, so handlers never touch HttpExchange.
 */
public record Request(Map<String, String> pathParams, Map<String, List<String>> query, String contentType, byte[] body,
                      Map<String, String> headers) {

    public Request {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
        headers = Map.copyOf(headers);
    }

    /** A request without any of the handler headers. */
    public Request(Map<String, String> pathParams, Map<String, List<String>> query, String contentType, byte[] body) {
        this(pathParams, query, contentType, body, Map.of());
    }

    /** A header field the Router copied, if the request had it (several lines joined with ", "). */
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

    /** The same request with one path parameter set: how a decorator points a handler at another resource. */
    public Request withPathParam(String name, String value) {
        Map<String, String> params = new HashMap<>(pathParams);
        params.put(name, value);
        return new Request(params, query, contentType, body, headers);
    }

    /** The first value of a query parameter, if it was given. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
