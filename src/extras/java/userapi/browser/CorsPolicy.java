package userapi.browser;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The CORS decision for one request, apart from any exchange: which Access-Control-* headers (and Vary) its answer
 * carries. A preflight (OPTIONS with Origin and Access-Control-Request-Method) from an allowed origin to a known
 * path is told the path's methods, the request headers a page may send and how long to remember it; any other
 * request from an allowed origin, which headers of the answer its script may read. A disallowed origin gets no
 * Access-Control-* header: the server answers as always, and the browser keeps the answer from the page.
 * No credentials mode: callers send bearer tokens, never cookies.
 */
public final class CorsPolicy {
    /** The request headers a page may send: the bearer token, JSON, the conditional requests, its own request id. */
    public static final String ALLOW_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, X-Request-Id";
    /** The answer's headers a page may read besides the always-safe ones (Content-Type, Cache-Control ...). */
    public static final String EXPOSE_HEADERS = "ETag, Link, Location, Retry-After, X-Request-Id";
    /** How long a browser may keep a preflight's answer, in seconds, before it asks again. */
    public static final String MAX_AGE_SECONDS = "600";

    private final CorsOrigins origins;
    private final Function<String, List<String>> methodsOf;

    /** @param methodsOf a raw path -> the methods the route table answers it with (Allow), empty for an unknown path */
    public CorsPolicy(CorsOrigins origins, Function<String, List<String>> methodsOf) {
        this.origins = origins;
        this.methodsOf = methodsOf;
    }

    /**
     * @param origin the request's Origin, or null
     * @param requestedMethod its Access-Control-Request-Method, or null
     */
    public Map<String, String> headers(String method, String rawPath, String origin, String requestedMethod) {
        if (!origins.enabled()) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>();
        if (!origins.any()) { // the answer differs by Origin: a shared cache must not hand one origin's to another
            headers.put("Vary", "Origin");
        }
        String allowed = origins.allowOriginFor(origin);
        if (allowed == null) {
            return headers;
        }
        headers.put("Access-Control-Allow-Origin", allowed);
        List<String> methods = method.equals("OPTIONS") && requestedMethod != null ? methodsOf.apply(rawPath) : List.of();
        if (methods.isEmpty()) { // a real request (or a preflight to a path no route has: it gets the 404)
            headers.put("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        } else {
            headers.put("Access-Control-Allow-Methods", String.join(", ", methods));
            headers.put("Access-Control-Allow-Headers", ALLOW_HEADERS);
            headers.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
        }
        return headers;
    }
}
