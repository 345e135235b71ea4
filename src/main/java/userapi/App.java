package userapi;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariPoolMXBean;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import tools.jackson.databind.json.JsonMapper;
import userapi.handler.AuthHandler;
import userapi.handler.HealthHandler;
import userapi.handler.MetricsHandler;
import userapi.handler.UserHandler;
import userapi.http.EdgeFilter;
import userapi.http.JsonBodyWriter;
import userapi.http.JsonMappers;
import userapi.http.ModelReader;
import userapi.http.RequestLimitsFilter;
import userapi.http.ServerLimits;
import userapi.http.Router;
import userapi.metrics.Metrics;
import userapi.openapi.ApiDocs;
import userapi.openapi.OpenApiDocument;
import userapi.repository.InMemoryTokenRepository;
import userapi.repository.InMemoryUserRepository;
import userapi.repository.JdbcTokenRepository;
import userapi.repository.JdbcUserRepository;
import userapi.repository.TokenRepository;
import userapi.repository.UserRepository;
import userapi.repository.cache.CachedTokenRepository;
import userapi.repository.cache.CachedUserRepository;
import userapi.repository.cache.OneLookPerRequest;
import userapi.repository.cache.ReadCache;
import userapi.repository.cache.SqliteDataVersion;
import userapi.service.BoundedPasswordHasher;
import userapi.service.DefaultAuthService;
import userapi.service.DefaultUserService;
import userapi.service.ExpiredTokenSweeper;
import userapi.service.LoginThrottle;
import userapi.service.Pbkdf2PasswordHasher;
import userapi.service.Tokens;
import userapi.service.UserService;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import static userapi.http.Router.Access.PUBLIC;
import static userapi.http.Router.Access.SIGNED_IN;

/**
 * The composition root: repository -> service -> handlers -> router -> filters -> server, each built once here
 * and handed to the next by its constructor. Tests build the same graph on port 0.
 * {@link #start(Config)} also opens the repository that DATABASE_URL names, and closes it on close().
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(App.class.getName());
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Connections the OS may queue before we accept them: a burst of clients waits instead of being refused. */
    static final int BACKLOG = 1024;

    /** How long a create may wait for a hashing permit before it is answered 503 SERVICE_OVERLOADED. */
    static final Duration HASH_PERMIT_WAIT = Duration.ofSeconds(1);
    /** How long shutdown waits for requests in flight. */
    public static final int SHUTDOWN_GRACE_SECONDS = 5;

    /** How long a request waits for a database connection before it answers 503. */
    static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(3);

    private final HttpServer server;
    private final Router router;
    private final ExecutorService executor;
    private final BoundedPasswordHasher hasher;
    private final ExpiredTokenSweeper sweeper;
    private final ValidatorFactory validation;
    private final UserRepository owned;
    private final AtomicBoolean stopping;
    private final Duration drain;

    private App(HttpServer server, Router router, ExecutorService executor, BoundedPasswordHasher hasher,
                ExpiredTokenSweeper sweeper, ValidatorFactory validation, UserRepository owned, AtomicBoolean stopping,
                Duration drain) {
        this.stopping = stopping;
        this.drain = drain;
        this.server = server;
        this.router = router;
        this.executor = executor;
        this.hasher = hasher;
        this.sweeper = sweeper;
        this.validation = validation;
        this.owned = owned;
    }

    /**
     * Opens the repository of config.databaseUrl() (the App owns it and closes it last), then starts.
     * @throws JdbcUserRepository.CannotOpen if the database is corrupt, locked or refuses us
     */
    public static App start(Config config) throws IOException {
        if (config.databaseUrl().equals(Config.MEMORY)) {
            return start(config, new InMemoryUserRepository(), new InMemoryTokenRepository(), null, null, null);
        }
        JdbcUserRepository repository = JdbcUserRepository.open(config.databaseUrl(), config.databasePassword(),
                config.databasePoolSize(), DATABASE_TIMEOUT);
        UserRepository users = repository;
        TokenRepository tokens = new JdbcTokenRepository(repository); // one pool for both
        ReadCache cache = null;
        if (repository.isSqlite()) { // PostgreSQL: other instances write too, and no connection can tell us when
            cache = new ReadCache(new SqliteDataVersion(repository::openOutsidePool));
            users = new CachedUserRepository(repository, cache); // closes the cache, then the repository
            tokens = new CachedTokenRepository(tokens, cache);
        }
        try {
            return start(config, users, tokens, users, repository.poolStatistics(), cache);
        } catch (IOException | RuntimeException e) {
            users.close();
            throw e;
        }
    }

    /** Starts on a repository the caller owns and closes, with tokens kept in memory. */
    public static App start(Config config, UserRepository repository) throws IOException {
        return start(config, repository, new InMemoryTokenRepository());
    }

    /** Starts on repositories the caller owns and closes (tests hand in in-memory ones they can look into). */
    public static App start(Config config, UserRepository repository, TokenRepository tokens) throws IOException {
        return start(config, repository, tokens, null,
                repository instanceof JdbcUserRepository jdbc ? jdbc.poolStatistics() : null, null);
    }

    /**
     * @param pool the database pool's numbers for /metrics; null for a store without one
     * @param cache the repositories' read cache, which each request then reads through with one look; or null
     */
    private static App start(Config config, UserRepository repository, TokenRepository tokens, UserRepository owned,
                             HikariPoolMXBean pool, ReadCache cache) throws IOException {
        JsonMapper mapper = JsonMappers.strict();
        ValidatorFactory validation = Validation.byProvider(HibernateValidator.class).configure()
                .ignoreXmlConfiguration() // no META-INF/validation.xml to look for, no XML parser to load
                .messageInterpolator(new ParameterMessageInterpolator()) // messages without Expression Language
                .buildValidatorFactory();
        ModelReader models = new ModelReader(mapper, validation.getValidator());
        JsonBodyWriter writer = new JsonBodyWriter(mapper);

        BoundedPasswordHasher hasher = new BoundedPasswordHasher(new Pbkdf2PasswordHasher(config.passwordHashIterations()),
                Runtime.getRuntime().availableProcessors(), HASH_PERMIT_WAIT);
        Clock clock = Clock.systemUTC();
        UserService service = new DefaultUserService(repository, tokens, hasher, config.blockedEmailDomains(),
                clock, UUID::randomUUID);
        UserHandler users = new UserHandler(service, models);
        AtomicBoolean stopping = new AtomicBoolean(); // set once, by close()
        HealthHandler health = new HealthHandler(repository::reachable, stopping::get);
        Metrics metrics = new Metrics(hasher::permitsInUse, hasher.permits(), hasher::shed);
        if (pool != null) { // an in-memory store has no pool to watch
            metrics.databasePool(pool);
        }
        DefaultAuthService auth = new DefaultAuthService(repository, tokens, hasher,
                new LoginThrottle(clock, LoginThrottle.DEFAULT_MAX_TRACKED), new Tokens(), clock,
                Duration.ofSeconds(config.tokenTtlSeconds()), metrics);

        AuthHandler login = new AuthHandler(auth, models);

        ApiDocs docs = ApiDocs.load();
        Router router = routes(new Router(writer, MAX_BODY_BYTES, auth), users, login, health,
                new MetricsHandler(metrics), docs);
        OpenApiDocument.checkDescribed(router.routes()); // a route without its description stops the start
        docs.publish(() -> OpenApiDocument.build(router.routes(), validation.getValidator(), mapper)); // built when first asked for

        HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), BACKLOG);
        HttpContext context = server.createContext("/", router); // one context: the Router does all routing
        // outermost: request id, exception handler, access line (with the caller the Router notes), metrics
        context.getFilters().add(new EdgeFilter(writer, metrics));
        context.getFilters().add(new RequestLimitsFilter(ServerLimits.MAX_URI_LENGTH, ServerLimits.MAX_HEADER_COUNT,
                ServerLimits.MAX_HEADER_BYTES));
        if (cache != null) {
            context.getFilters().add(new OneLookPerRequest(cache));
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor(); // blocking work is cheap here
        server.setExecutor(executor);
        ExpiredTokenSweeper sweeper = new ExpiredTokenSweeper(tokens, clock).start();
        server.start();
        LOG.info(() -> "listening on http://" + config.host() + ":" + server.getAddress().getPort());
        return new App(server, router, executor, hasher, sweeper, validation, owned, stopping,
                Duration.ofSeconds(config.shutdownDrainSeconds()));
    }

    /**
     * The route table (FastAPI's APIRouter): every route of the API, in one block. SIGNED_IN routes need a valid
     * bearer token (else 401); what the caller may then do to which user is the service's rule, not the table's.
     * /users/me is a path of its own: the Router lets a literal segment win over a template such as /users/{id}.
     */
    static Router routes(Router router, UserHandler users, AuthHandler auth, HealthHandler health,
                         MetricsHandler metrics, ApiDocs docs) {
        return router
                .get("/health", PUBLIC, health::ready) // the old name of /health/ready, kept for existing probes
                .get("/health/live", PUBLIC, health::live)
                .get("/health/ready", PUBLIC, health::ready)
                .get("/metrics", PUBLIC, metrics::scrape)
                .post("/auth/login", PUBLIC, auth::login)
                .post("/auth/logout", SIGNED_IN, auth::logout)
                .post("/users", PUBLIC, users::create)
                .get("/users", SIGNED_IN, users::list)
                .get("/users/me", SIGNED_IN, users::me)
                .get("/users/{id}", SIGNED_IN, users::get)
                .patch("/users/{id}", SIGNED_IN, users::update)
                .delete("/users/{id}", SIGNED_IN, users::delete)
                .get("/openapi.json", PUBLIC, docs::document)
                .get("/docs", PUBLIC, docs::page)
                .get("/docs/{file}", PUBLIC, docs::file);
    }

    /** The routes this server answers, as declared in {@link #routes}. */
    public List<Router.Route> routes() {
        return router.routes();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Shutdown, in order: /health/ready turns 503 at once while everything is still served, for the drain delay
     * (SHUTDOWN_DRAIN_SECONDS), so load balancers stop sending us requests; then the server stops accepting, lets
     * requests in flight finish (bounded), and releases everything, the database last.
     */
    @Override
    public void close() {
        stopping.set(true);
        boolean interrupted = false;
        if (!drain.isZero()) {
            LOG.info(() -> "draining: /health/ready answers 503 for " + drain.toSeconds()
                    + " s before the server stops accepting; requests are still served");
            try {
                Thread.sleep(drain);
            } catch (InterruptedException e) {
                interrupted = true; // the drain is cut short; the rest still runs in order, then the flag is restored
            }
        }
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
        sweeper.close();
        hasher.close();
        validation.close();
        if (owned != null) {
            owned.close();
        }
        LOG.info("stopped");
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
