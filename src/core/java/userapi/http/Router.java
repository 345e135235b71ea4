package userapi.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import userapi.exception.RejectedRequest;
import userapi.exception.RejectedRequest.Reason;
import userapi.exception.ValidationFailed;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The route table (FastAPI's APIRouter): method + path template such as {@code /users/{id}} -> handler.
 * Unknown path -> 404, known path with another method -> 405 with Allow. HEAD is served wherever GET is,
 * OPTIONS answers 204 with Allow. Only this class and JsonBodyWriter touch the exchange: {@link #handle} reads
 * the request, {@link #route} chooses and calls the handler and returns its Response, and the writer sends it.
 * Who may call a route is not the Router's business: a handler decorator (sign-in, say) wraps the handler.
 */
public final class Router implements HttpHandler {
    /** One row of the table: method, path template such as /users/{id}, and the handler. */
    public record Route(String method, String template, Handler handler) {
    }
    /** A route with its template split once, at declaration, not on every request. */
    private record Entry(Route route, List<String> segments, int params) {
        Entry(Route route, List<String> segments) {
            this(route, segments, (int) segments.stream().filter(Router::isParameter).count());
        }
    }

    /** A route whose template fits the path; its parameters are only decoded for the route that is chosen. */
    private record Match(Entry entry, List<String> pathSegments) {
        Route route() {
            return entry.route();
        }

        int params() {
            return entry.params();
        }

        Map<String, String> pathParams() {
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < pathSegments.size(); i++) {
                String segment = entry.segments().get(i);
                if (isParameter(segment)) {
                    params.put(segment.substring(1, segment.length() - 1), pathSegments.get(i));
                }
            }
            return params;
        }
    }

    private static final byte[] NO_BODY = new byte[0];
    /** The header fields every handler may read: the conditional-request ones. */
    private static final List<String> CONDITIONAL_HEADERS = List.of("If-Match", "If-None-Match");

    private final List<Entry> routes = new ArrayList<>();
    private final JsonBodyWriter writer;
    private final int maxBodyBytes;
    private final List<String> handlerHeaders;
    private UnaryOperator<Handler> around = UnaryOperator.identity();

    public Router(JsonBodyWriter writer, int maxBodyBytes) {
        this(writer, maxBodyBytes, List.of());
    }

    /** @param moreHeaders header fields handlers may read besides If-Match and If-None-Match (a decorator's Authorization) */
    public Router(JsonBodyWriter writer, int maxBodyBytes, List<String> moreHeaders) {
        this.writer = writer;
        this.maxBodyBytes = maxBodyBytes;
        List<String> headers = new ArrayList<>(CONDITIONAL_HEADERS);
        headers.addAll(moreHeaders);
        this.handlerHeaders = List.copyOf(headers);
    }

    /**
     * Calls every handler of the table through this decorator (a per-request scope, say); the table itself, as
     * {@link #routes()} lists it, keeps the handlers as declared.
     */
    public Router around(UnaryOperator<Handler> decorator) {
        this.around = decorator;
        return this;
    }

    public Router get(String template, Handler handler) {
        return add("GET", template, handler);
    }

    public Router post(String template, Handler handler) {
        return add("POST", template, handler);
    }

    public Router patch(String template, Handler handler) {
        return add("PATCH", template, handler);
    }

    public Router delete(String template, Handler handler) {
        return add("DELETE", template, handler);
    }

    private Router add(String method, String template, Handler handler) {
        routes.add(new Entry(new Route(method, template, handler), segments(template)));
        return this;
    }

    /** The table as declared, in order: what the tests and any generated description of the API read. */
    public List<Route> routes() {
        return routes.stream().map(Entry::route).toList();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Response response = route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                pathParams -> new Request(pathParams, parseQuery(exchange.getRequestURI().getRawQuery()),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body(exchange), handlerHeaders(exchange),
                        peerAddress(exchange)));
        writer.write(exchange, response.status(), response.headers(), response.body());
    }

    /** The few header fields handlers may read; most requests have none of them, and get the shared empty map. */
    private Map<String, String> handlerHeaders(HttpExchange exchange) {
        Map<String, String> headers = null;
        for (String name : handlerHeaders) {
            List<String> values = exchange.getRequestHeaders().get(name);
            if (values != null && !values.isEmpty()) {
                if (headers == null) {
                    headers = new HashMap<>();
                }
                headers.put(name, String.join(", ", values));
            }
        }
        return headers == null ? Map.of() : headers;
    }

    /** The socket's peer as an IP address in text (no port, no host name lookup); null when the JDK knows none. */
    static String peerAddress(HttpExchange exchange) {
        InetSocketAddress peer = exchange.getRemoteAddress();
        InetAddress address = peer == null ? null : peer.getAddress();
        return address == null ? null : address.getHostAddress();
    }

    /** Builds the request once the route is known; its body is read only when a handler asks for it. */
    interface RequestReader {
        Request read(Map<String, String> pathParams) throws IOException;
    }

    /**
     * Finds the handler for method + path and calls it with the request the reader builds; the exchange-free core,
     * tested on its own. Of the routes whose template fits the path, those with the fewest parameters count: a
     * literal segment wins, /users/me is not a /users/{id}.
     */
    Response route(String method, String rawPath, RequestReader reader) throws IOException {
        List<Match> matches = matches(rawPath);
        if (matches.isEmpty()) {
            throw RejectedRequest.notFound();
        }
        Match chosen = chosen(matches, method);
        if (chosen == null) {
            List<String> allowed = allowed(matches);
            if (method.equals("OPTIONS")) {
                return Response.noContent(Map.of("Allow", String.join(", ", allowed)));
            }
            throw RejectedRequest.methodNotAllowed(allowed);
        }
        return around.apply(chosen.route().handler()).handle(reader.read(chosen.pathParams()));
    }

    /**
     * The template of the route that answers this method and path (for a 405 or OPTIONS, the path's first route),
     * or null when no route has the path: what metrics count requests by, never the raw path.
     */
    public String templateOf(String method, String rawPath) {
        List<Match> matches;
        try {
            matches = matches(rawPath);
        } catch (RejectedRequest unroutable) {
            return null;
        }
        if (matches.isEmpty()) {
            return null;
        }
        Match chosen = chosen(matches, method);
        return (chosen != null ? chosen : matches.getFirst()).route().template();
    }

    /**
     * The methods this path answers, as OPTIONS lists them in Allow (HEAD with GET, OPTIONS always), or an empty
     * list when no route has the path: what a CORS preflight names in Access-Control-Allow-Methods.
     */
    public List<String> allowedMethods(String rawPath) {
        List<Match> matches;
        try {
            matches = matches(rawPath);
        } catch (RejectedRequest unroutable) {
            return List.of();
        }
        return matches.isEmpty() ? List.of() : allowed(matches);
    }

    private List<Match> matches(String rawPath) {
        List<String> pathSegments = segments(rawPath);
        List<Match> matches = new ArrayList<>();
        for (Entry entry : routes) {
            Match match = match(entry, pathSegments);
            if (match == null || !matches.isEmpty() && match.params() > matches.getFirst().params()) {
                continue;
            }
            if (!matches.isEmpty() && match.params() < matches.getFirst().params()) {
                matches.clear(); // a more specific route: the ones before it do not count
            }
            matches.add(match);
        }
        return matches;
    }

    /** The path's route for this method (HEAD is served by GET), or null. */
    private static Match chosen(List<Match> matches, String method) {
        String lookup = method.equals("HEAD") ? "GET" : method;
        for (Match match : matches) {
            if (match.route().method().equals(lookup)) {
                return match;
            }
        }
        return null;
    }

    private static List<String> allowed(List<Match> matches) {
        TreeSet<String> methods = new TreeSet<>();
        for (Match match : matches) {
            methods.add(match.route().method());
            if (match.route().method().equals("GET")) {
                methods.add("HEAD");
            }
        }
        methods.add("OPTIONS");
        return List.copyOf(methods);
    }

    /** The route's match of the path, or null. */
    private static Match match(Entry entry, List<String> pathSegments) {
        List<String> expected = entry.segments();
        if (expected.size() != pathSegments.size()) {
            return null;
        }
        for (int i = 0; i < expected.size(); i++) {
            String segment = expected.get(i);
            if (isParameter(segment) ? pathSegments.get(i).isEmpty() : !segment.equals(pathSegments.get(i))) {
                return null;
            }
        }
        return new Match(entry, pathSegments);
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** "/users/a%20b" -> ["users", "a b"]; a trailing slash is a segment of its own, so "/users/" is not "/users". */
    private static List<String> segments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw RejectedRequest.notFound();
        }
        String[] parts = rawPath.substring(1).split("/", -1);
        List<String> decoded = new ArrayList<>(parts.length);
        for (String part : parts) {
            try {
                decoded.add(part.indexOf('%') < 0 ? part : URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                throw RejectedRequest.notFound();
            }
        }
        return decoded;
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException badEscape) {
                throw new ValidationFailed("query", "is not valid percent-encoding");
            }
        }
        return query;
    }

    /**
     * The request's body, bounded by maxBodyBytes: a declared length over it is refused at once, before any handler
     * runs; a body of unknown length (chunked) is read now, since only reading it tells its size; a body of declared
     * length within the bound is read when a handler first asks for it, so a decorator that refuses the request
     * (a 401, say) never reads it. A request that declares no body (most GETs, HEADs and DELETEs) is not read at all.
     */
    private Request.BodyReader body(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        boolean chunked = exchange.getRequestHeaders().containsKey("Transfer-Encoding");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException ignored) {
                // the JDK server has already rejected a malformed Content-Length; the read below still bounds us
            }
        }
        if (length > maxBodyBytes) {
            throw payloadTooLarge();
        }
        if (!chunked && (declared == null || length == 0)) {
            return () -> NO_BODY;
        }
        if (chunked || length < 0) {
            byte[] read = readBody(exchange, -1);
            return () -> read;
        }
        int size = (int) length;
        return () -> readBody(exchange, size);
    }

    /**
     * Reads at most maxBodyBytes (length: the declared one, or -1 for unknown); a larger body is refused without
     * buffering the excess. The stream is closed only after a complete read: closing drains what is left, which on
     * broken chunked framing would wait on the client before any answer went out. The JDK drains it after the
     * answer instead. A body still trickling in when the JDK's time for a request runs out is a timeout, not bad
     * framing: the JDK has closed the channel under the read.
     */
    private byte[] readBody(HttpExchange exchange, int length) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] body;
        try {
            body = length < 0 ? in.readNBytes(maxBodyBytes + 1) : readDeclared(in, length);
        } catch (ClosedChannelException closedUnderUs) { // the server's time for a request ran out (or it is stopping)
            throw new RejectedRequest(Reason.REQUEST_TIMEOUT,
                    "The request body did not arrive within the time allowed for a request.");
        } catch (IOException unreadable) {
            throw new RejectedRequest(Reason.UNREADABLE_BODY, length < 0
                    ? "The request body could not be read: its chunked transfer coding is malformed or ends early."
                    : "The request body could not be read: the connection ended before Content-Length bytes arrived.");
        }
        if (body.length > maxBodyBytes) {
            throw payloadTooLarge();
        }
        in.close();
        return body;
    }

    /** A body of declared length into an array of that size (readNBytes(n) would read in 8 KiB pieces and copy). */
    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        return read == length ? body : Arrays.copyOf(body, read);
    }

    private RejectedRequest payloadTooLarge() {
        return new RejectedRequest(Reason.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBodyBytes + " bytes.");
    }
}
