package userapi.limits;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One client cannot take every connection (MAX_CONNECTIONS_PER_CLIENT): counts, per socket peer, the connections
 * that carry a request in progress (an HTTP/1.1 connection carries one at a time, so that is exact), and answers
 * one more with 429 and Connection: close, so the extra connection is closed at once instead of held. An IPv6 peer
 * counts by its /64, as one host holds a whole /64. A trusted proxy carries many clients and is not counted.
 * The JDK gives no hook at accept: a connection that has not yet sent a whole request head is not seen here (the
 * JDK's own time limits and connection cap bound those; a reverse proxy can cap them per client).
 */
public final class ConnectionsPerClient extends Filter {
    private final int cap;
    private final TrustedProxies proxies;
    private final ConcurrentMap<String, Integer> inProgress = new ConcurrentHashMap<>();

    public ConnectionsPerClient(int cap, TrustedProxies proxies) {
        if (cap < 1) {
            throw new IllegalArgumentException("the cap must be at least 1: " + cap);
        }
        this.cap = cap;
        this.proxies = proxies;
    }

    @Override
    public String description() {
        return "Connections with a request in progress, per client";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String client = client(exchange.getRemoteAddress());
        if (client == null) {
            chain.doFilter(exchange);
            return;
        }
        if (inProgress.merge(client, 1, Integer::sum) > cap) {
            release(client);
            throw new TooManyConnections(cap);
        }
        try {
            chain.doFilter(exchange);
        } finally {
            release(client);
        }
    }

    /** The key a peer is counted under, or null for one not counted (a trusted proxy, or no address known). */
    private String client(InetSocketAddress peer) {
        if (peer == null || peer.getAddress() == null) {
            return null;
        }
        String address = peer.getAddress().getHostAddress();
        return proxies.trusts(address) ? null : TrustedProxies.network64(address);
    }

    private void release(String client) {
        inProgress.computeIfPresent(client, (key, count) -> count == 1 ? null : count - 1);
    }
}
