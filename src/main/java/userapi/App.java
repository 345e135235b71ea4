package userapi;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import tools.jackson.databind.json.JsonMapper;
import userapi.handler.HealthHandler;
import userapi.handler.UserHandler;
import userapi.http.ExceptionFilter;
import userapi.http.JsonBodyWriter;
import userapi.http.JsonMappers;
import userapi.http.ModelReader;
import userapi.http.RequestContextFilter;
import userapi.http.Router;
import userapi.repository.UserRepository;
import userapi.service.Pbkdf2PasswordHasher;
import userapi.service.DefaultUserService;
import userapi.service.UserService;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * The composition root: repository -> service -> handlers -> router -> filters -> server, each built once here
 * and handed to the next by its constructor. Tests build the same graph on port 0.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(App.class.getName());
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ValidatorFactory validation;

    private App(HttpServer server, ExecutorService executor, ValidatorFactory validation) {
        this.server = server;
        this.executor = executor;
        this.validation = validation;
    }

    public static App start(Config config, UserRepository repository) throws IOException {
        JsonMapper mapper = JsonMappers.strict();
        ValidatorFactory validation = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        ModelReader models = new ModelReader(mapper, validation.getValidator());
        JsonBodyWriter writer = new JsonBodyWriter(mapper);

        UserService service = new DefaultUserService(repository, new Pbkdf2PasswordHasher(config.passwordHashIterations()),
                config.blockedEmailDomains(), Clock.systemUTC(), UUID::randomUUID);
        UserHandler users = new UserHandler(service, models);
        HealthHandler health = new HealthHandler();

        Router router = new Router(writer, MAX_BODY_BYTES)
                .get("/health", health::check)
                .post("/users", users::create)
                .get("/users", users::list)
                .get("/users/{id}", users::get)
                .patch("/users/{id}", users::update)
                .delete("/users/{id}", users::delete);

        HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
        HttpContext context = server.createContext("/", router); // one context: the Router does all routing
        context.getFilters().add(new RequestContextFilter());
        context.getFilters().add(new ExceptionFilter(writer));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor(); // blocking work is cheap here
        server.setExecutor(executor);
        server.start();
        LOG.info(() -> "listening on http://" + config.host() + ":" + server.getAddress().getPort());
        return new App(server, executor, validation);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, gives requests in flight up to two seconds, then releases everything. */
    @Override
    public void close() {
        server.stop(2);
        executor.close();
        validation.close();
        LOG.info("stopped");
    }
}
