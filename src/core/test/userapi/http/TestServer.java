package userapi.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Test support: a real JDK HttpServer on 127.0.0.1, port 0, one context "/" with the given filters, as App builds it. */
public final class TestServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private TestServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Filters run in list order, the first one outermost, as App.serve adds them. */
    public static TestServer start(HttpHandler handler, List<Filter> filters) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            HttpContext context = server.createContext("/", handler);
            context.getFilters().addAll(filters);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            server.start();
            return new TestServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lecture App's filter chain around a handler: the EdgeFilter alone. */
    public static TestServer withAppFilters(HttpHandler handler, JsonBodyWriter writer) {
        return start(handler, List.of(new EdgeFilter(writer)));
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
