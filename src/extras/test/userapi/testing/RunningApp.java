package userapi.testing;

import userapi.production.Config;
import userapi.production.ProductionApp;
import userapi.model.Role;
import userapi.model.User;
import userapi.repository.InMemoryUserRepository;

import userapi.http.Router;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The real ProductionApp in this JVM on 127.0.0.1, port 0, with an empty in-memory repository and a client. */
public final class RunningApp extends HttpTarget {
    private final ProductionApp app;
    private final InMemoryUserRepository users;

    private RunningApp(ProductionApp app, InMemoryUserRepository users) {
        this.app = app;
        this.users = users;
    }

    /** With 1000 hash iterations: fast. */
    public static RunningApp start() throws IOException {
        return start(1000);
    }

    public static RunningApp start(int passwordHashIterations) throws IOException {
        InMemoryUserRepository users = new InMemoryUserRepository();
        return new RunningApp(ProductionApp.start(TestConfig.local(Set.of("mailinator.com"), passwordHashIterations), users), users);
    }

    /** With these hash iterations and more settings (say, a higher MAX_CONNECTIONS_PER_CLIENT for a flood from one address). */
    public static RunningApp start(int passwordHashIterations, Map<String, String> settings) throws IOException {
        InMemoryUserRepository users = new InMemoryUserRepository();
        return new RunningApp(ProductionApp.start(TestConfig.local(Set.of("mailinator.com"), passwordHashIterations, 0,
                Config.DEFAULT_TOKEN_TTL_SECONDS, settings), users), users);
    }

    /** With fast hashing and tokens that live this many seconds. */
    public static RunningApp startWithTokenTtl(int tokenTtlSeconds) throws IOException {
        InMemoryUserRepository users = new InMemoryUserRepository();
        return new RunningApp(ProductionApp.start(TestConfig.local(Set.of("mailinator.com"), 1000, 0, tokenTtlSeconds), users), users);
    }

    /**
     * Makes the user with this e-mail an admin, as the admin command does, through the repository this test
     * handed the ProductionApp: no request can do it, and no backdoor in the server is needed.
     */
    @Override
    public void promote(String email) {
        User user = users.findByEmail(email).orElseThrow(() -> new AssertionError("no user has the e-mail " + email));
        users.setRole(user.id(), Role.ADMIN);
    }

    /** How many users the store holds, read from the repository: no admin needed to count. */
    public long storedUsers() {
        return users.list(1, 0).total();
    }


    /** The server's own route table. */
    public List<Router.Route> routes() {
        return app.routes();
    }

    @Override
    public int port() {
        return app.port();
    }

    /**
     * Server first: if the client closed its idle keep-alive connection first, the JDK server would sometimes
     * count it as a request in progress and wait out the server's whole stop delay.
     */
    @Override
    public void close() {
        app.close();
        super.close();
    }
}
