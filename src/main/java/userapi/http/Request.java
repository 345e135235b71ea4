package userapi.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler may know of a request: decoded path parameters and query, the body's bytes and type.
 * The Router builds it from the exchange, so handlers never touch HttpExchange.
 */
public record Request(Map<String, String> pathParams, Map<String, List<String>> query, String contentType, byte[] body) {

    public Request {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
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
