package userapi.testing;

import userapi.App;
import userapi.Config;
import userapi.repository.InMemoryUserRepository;

import userapi.http.Router;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/** The real App in this JVM on 127.0.0.1, port 0, with an empty in-memory repository and a client; one per test. */
public final class RunningApp extends HttpTarget {
    private final App app;

    private RunningApp(App app) {
        this.app = app;
    }

    /** With 1000 hash iterations: fast. */
    public static RunningApp start() throws IOException {
        return start(1000);
    }

    public static RunningApp start(int passwordHashIterations) throws IOException {
        return new RunningApp(App.start(new Config("127.0.0.1", 0, Set.of("mailinator.com"), passwordHashIterations),
                new InMemoryUserRepository()));
    }

    /** The App's own route table. */
    public List<Router.Route> routes() {
        return app.routes();
    }

    @Override
    public int port() {
        return app.port();
    }

    /**
     * Server first: if the client closed its idle keep-alive connection first, the JDK server would sometimes
     * count it as a request in progress and wait out the App's whole two-second stop delay.
     */
    @Override
    public void close() {
        app.close();
        super.close();
    }
}
