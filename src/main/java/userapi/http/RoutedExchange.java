package userapi.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.UUID;

/**
 * The exchange as EdgeFilter hands it down, plus two slots the Router fills: the template of the route it matched,
 * for the metrics the edge records, and the id of the user a signed-in request is made by, for the access line.
 * A wrapper because, before JDK 26, HttpExchange's attributes are shared by every exchange of a context;
 * everything else goes straight to the JDK's exchange.
 */
public final class RoutedExchange extends HttpExchange {
    private final HttpExchange exchange;
    private String routeTemplate;
    private UUID callerId;

    public RoutedExchange(HttpExchange exchange) {
        this.exchange = exchange;
    }

    /** Set by the Router once the path matched a route (whatever the method); null until then, or for a 404. */
    void matched(String template) {
        this.routeTemplate = template;
    }

    public String routeTemplate() {
        return routeTemplate;
    }

    /** Set by the Router once a bearer token proved who is calling; never the token itself. */
    void authenticated(UUID userId) {
        this.callerId = userId;
    }

    /** The user a signed-in request is made by; null for an anonymous one. */
    public UUID callerId() {
        return callerId;
    }

    @Override
    public Headers getRequestHeaders() {
        return exchange.getRequestHeaders();
    }

    @Override
    public Headers getResponseHeaders() {
        return exchange.getResponseHeaders();
    }

    @Override
    public URI getRequestURI() {
        return exchange.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
        return exchange.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return exchange.getHttpContext();
    }

    @Override
    public void close() {
        exchange.close();
    }

    @Override
    public InputStream getRequestBody() {
        return exchange.getRequestBody();
    }

    @Override
    public OutputStream getResponseBody() {
        return exchange.getResponseBody();
    }

    @Override
    public void sendResponseHeaders(int status, long length) throws IOException {
        exchange.sendResponseHeaders(status, length);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return exchange.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
        return exchange.getResponseCode();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return exchange.getLocalAddress();
    }

    @Override
    public String getProtocol() {
        return exchange.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return exchange.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        exchange.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        exchange.setStreams(in, out);
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return exchange.getPrincipal();
    }
}
