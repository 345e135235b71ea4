package userapi.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler may know of a request: decoded path parameters and query, the body's bytes and type, and the few
 * header fields the Router copies for handlers (the conditional-request ones, If-Match and If-None-Match, plus any
 * a decorator asked for), and the client's address (FastAPI's request.client.host: the socket's peer, as the Router
 * sees it, unless a decorator resolved another with {@link #withClientAddress}). The Router builds it from the
 * exchange, so handlers never touch HttpExchange. The body
 * is read from the connection when a handler first asks for it, so a decorator that refuses the request (a 401,
 * say) never waits for a body it will not use.
 */
public final class Request {
    /** Reads the body from wherever it is; called at most once. */
    @FunctionalInterface
    public interface BodyReader {
        byte[] read() throws IOException;
    }

    private static final byte[] NO_BODY = new byte[0];
    /** The client address of a request built without one (by a test, say): no real peer is written like this. */
    public static final String UNKNOWN_CLIENT = "unknown";

    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final String contentType;
    private final Map<String, String> headers;
    private final String clientAddress;
    private BodyReader reader;
    private byte[] body;

    /** @param clientAddress the peer's IP address as text, such as 192.0.2.7 or 2001:db8:0:0:0:0:0:1 */
    public Request(Map<String, String> pathParams, Map<String, List<String>> query, String contentType,
                   BodyReader body, Map<String, String> headers, String clientAddress) {
        this.pathParams = Map.copyOf(pathParams);
        this.query = Map.copyOf(query);
        this.contentType = contentType;
        this.reader = body;
        this.headers = Map.copyOf(headers);
        this.clientAddress = clientAddress == null ? UNKNOWN_CLIENT : clientAddress;
    }

    /** A request from an {@link #UNKNOWN_CLIENT}. */
    public Request(Map<String, String> pathParams, Map<String, List<String>> query, String contentType,
                   BodyReader body, Map<String, String> headers) {
        this(pathParams, query, contentType, body, headers, UNKNOWN_CLIENT);
    }

    public Request(Map<String, String> pathParams, Map<String, List<String>> query, String contentType, byte[] body,
                   Map<String, String> headers) {
        this(pathParams, query, contentType, () -> body == null ? NO_BODY : body, headers);
    }

    /** A request without any of the handler headers. */
    public Request(Map<String, String> pathParams, Map<String, List<String>> query, String contentType, byte[] body) {
        this(pathParams, query, contentType, body, Map.of());
    }

    public Map<String, String> pathParams() {
        return pathParams;
    }

    public Map<String, List<String>> query() {
        return query;
    }

    public String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Who sent the request: the socket's peer, or the address a decorator resolved; never null. */
    public String clientAddress() {
        return clientAddress;
    }

    /**
     * The body's bytes, read on the first call. A body that is too large or cannot be read fails here, as the
     * Router's RejectedRequest; any other failure to read it is unexpected (a 500).
     */
    public byte[] body() {
        if (body == null) {
            try {
                body = reader.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            reader = null;
        }
        return body;
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
        return new Request(params, query, contentType, this::body, headers, clientAddress);
    }

    /**
     * The same request from another client address: how a decorator that trusts a proxy's X-Forwarded-For names
     * the client behind it.
     */
    public Request withClientAddress(String address) {
        return new Request(pathParams, query, contentType, this::body, headers, address);
    }

    /** The first value of a query parameter, if it was given. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    @Override
    public String toString() { // no body, no header values: they may carry a password or a token
        return "Request[pathParams=" + pathParams + ", query=" + query.keySet() + ", contentType=" + contentType + "]";
    }
}
