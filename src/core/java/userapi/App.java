package userapi;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import tools.jackson.databind.json.JsonMapper;
import userapi.handler.HealthHandler;
import userapi.handler.UserHandler;
import userapi.http.EdgeFilter;
import userapi.http.JsonBodyWriter;
import userapi.http.JsonMappers;
import userapi.http.ModelReader;
import userapi.http.Router;
import userapi.repository.InMemoryUserRepository;
import userapi.repository.UserRepository;
import userapi.service.DefaultUserService;
import userapi.service.Pbkdf2PasswordHasher;
import userapi.service.UserService;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The composition root of the lecture's server: repository -> service -> handler -> router -> edge filter ->
 * server, each built once here and handed to the next by its constructor. Users live in memory and nobody signs
 * in. {@link #serve} is the seam a bigger server (the production one, in src/extras) starts its own table through.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(App.class.getName());
    /** The largest request body any handler reads. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Connections the OS may queue before we accept them: a burst of clients waits instead of being refused. */
    public static final int BACKLOG = 1024;
    /** How long shutdown waits for requests in flight. */
    public static final int SHUTDOWN_GRACE_SECONDS = 5;

    private final HttpServer server;
    private final Router router;
    private final ExecutorService executor;
    private final List<AutoCloseable> resources;

    private App(HttpServer server, Router router, ExecutorService executor, List<AutoCloseable> resources) {
        this.server = server;
        this.router = router;
        this.executor = executor;
        this.resources = resources;
    }

    /** The lecture's server on host:port (port 0: any free one), with an empty in-memory store. */
    public static App start(String host, int port, Set<String> blockedEmailDomains) throws IOException {
        JsonMapper mapper = JsonMappers.strict();
        ValidatorFactory validation = validation();
        ModelReader models = new ModelReader(mapper, validation.getValidator());
        JsonBodyWriter writer = new JsonBodyWriter(mapper);

        UserRepository repository = new InMemoryUserRepository();
        UserService service = new DefaultUserService(repository, new Pbkdf2PasswordHasher(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS),
                blockedEmailDomains, Clock.systemUTC(), UUID::randomUUID);
        UserHandler users = new UserHandler(service, models);
        HealthHandler health = new HealthHandler(repository::reachable, () -> false);

        Router router = routes(new Router(writer, MAX_BODY_BYTES), users, health);
        return serve(new InetSocketAddress(host, port), router, List.of(new EdgeFilter(writer)), List.of(validation::close));
    }

    /**
     * The route table (FastAPI's APIRouter): every route of the lecture's API, in one block. Anyone may call any
     * of them: this server has no sign-in.
     */
    static Router routes(Router router, UserHandler users, HealthHandler health) {
        return router
                .get("/health", health::ready)
                .post("/users", users::create)
                .get("/users", users::list)
                .get("/users/{id}", users::get)
                .patch("/users/{id}", users::update)
                .delete("/users/{id}", users::delete);
    }

    /**
     * Bean Validation without XML configuration or Expression Language: no META-INF/validation.xml to look for,
     * no parser to load; messages are interpolated from their parameters alone.
     */
    public static ValidatorFactory validation() {
        return Validation.byProvider(HibernateValidator.class).configure()
                .ignoreXmlConfiguration()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
    }

    /**
     * Serves the route table on the JDK's HttpServer: one context, so the Router does all routing; the filters
     * wrap it in order (the first, the edge filter, outermost); one virtual thread per request, so blocking work
     * (a hash, a database call) is cheap. close() stops the server, then closes the resources in order.
     */
    public static App serve(InetSocketAddress address, Router router, List<Filter> filters, List<AutoCloseable> resources)
            throws IOException {
        HttpServer server = HttpServer.create(address, BACKLOG);
        HttpContext context = server.createContext("/", router);
        context.getFilters().addAll(filters);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
        LOG.info(() -> "listening on http://" + address.getHostString() + ":" + server.getAddress().getPort());
        return new App(server, router, executor, new ArrayList<>(resources));
    }

    /** The routes this server answers, as declared. */
    public List<Router.Route> routes() {
        return router.routes();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, lets requests in flight finish (bounded), then releases the resources in order. */
    @Override
    public void close() {
        LOG.info("stopping: no new connections, waiting up to " + SHUTDOWN_GRACE_SECONDS + " s for requests in flight");
        server.stop(SHUTDOWN_GRACE_SECONDS);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "could not release a resource at shutdown", e);
            }
        }
        LOG.info("stopped");
    }
}
