package userapi.repository.cache;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;

/**
 * The read cache's one hook into the server: each request runs in a {@link ReadCache.Scope}, so its token, its
 * caller and the user it asks for cost one look at the store's change counter, not one each.
 */
public final class OneLookPerRequest extends Filter {
    private final ReadCache cache;

    public OneLookPerRequest(ReadCache cache) {
        this.cache = cache;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        ReadCache.Scope scope = cache.openScope();
        try {
            chain.doFilter(exchange);
        } finally {
            scope.close();
        }
    }

    @Override
    public String description() {
        return "one look at the store's change counter per request";
    }
}
