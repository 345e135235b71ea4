package userapi.browser;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;

/**
 * Puts the CORS policy's headers on every answer, before the route table runs, so an error answered by the edge
 * carries them too (a page can then read a 401 or a 422). A preflight goes on to the route table, which answers
 * OPTIONS with 204 and Allow as it always has: this filter only adds headers, it never answers.
 */
public final class CorsFilter extends Filter {
    private final CorsPolicy policy;

    public CorsFilter(CorsPolicy policy) {
        this.policy = policy;
    }

    @Override
    public String description() {
        return "CORS: which other origins' pages may read the answer";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        policy.headers(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders().getFirst("Origin"),
                        exchange.getRequestHeaders().getFirst("Access-Control-Request-Method"))
                .forEach(exchange.getResponseHeaders()::set);
        chain.doFilter(exchange);
    }
}
