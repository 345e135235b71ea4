package userapi.browser;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;

/**
 * The headers every answer carries, set before the route table runs, so errors answered by the edge carry them too:
 * X-Content-Type-Options: nosniff (a browser takes the Content-Type as given, never guesses HTML out of JSON), and
 * Cache-Control: no-store (no browser or proxy keeps a user, a list, a token or a session). A handler whose answer
 * carries nobody's data and may be cached names its own Cache-Control, which replaces this one: the documentation
 * (/docs, its files and /openapi.json).
 */
public final class SafeHeadersFilter extends Filter {
    @Override
    public String description() {
        return "nosniff, and no-store unless the handler allows caching";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        chain.doFilter(exchange);
    }
}
