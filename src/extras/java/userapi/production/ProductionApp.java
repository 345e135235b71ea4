package userapi.production;

import com.sun.net.httpserver.Filter;
import com.zaxxer.hikari.HikariPoolMXBean;
import jakarta.validation.ValidatorFactory;
import tools.jackson.databind.json.JsonMapper;
import userapi.App;
import userapi.account.AccountHandler;
import userapi.account.AccountMails;
import userapi.account.AccountPages;
import userapi.account.AccountResponse;
import userapi.account.AccountStore;
import userapi.account.DefaultAccountService;
import userapi.account.EmailNotVerified;
import userapi.account.InMemoryAccountStore;
import userapi.account.MailOutbox;
import userapi.account.MailingUserService;
import userapi.account.OutboxSender;
import userapi.auth.AuthHandler;
import userapi.auth.Caller;
import userapi.auth.DefaultAuthService;
import userapi.auth.ExpiredTokenSweeper;
import userapi.auth.InMemoryTokenRepository;
import userapi.auth.LoginCheck;
import userapi.auth.LoginThrottle;
import userapi.auth.SignIn;
import userapi.auth.SignedInUsers;
import userapi.auth.TokenRepository;
import userapi.auth.Tokens;
import userapi.cache.CachedTokenRepository;
import userapi.cache.CachedUserRepository;
import userapi.cache.ReadCache;
import userapi.cache.SqliteDataVersion;
import userapi.handler.HealthHandler;
import userapi.handler.UserHandler;
import userapi.http.EdgeFilter;
import userapi.http.JsonBodyWriter;
import userapi.http.JsonMappers;
import userapi.http.ModelReader;
import userapi.http.Router;
import userapi.jdbc.Database;
import userapi.jdbc.JdbcAccountStore;
import userapi.jdbc.JdbcTokenRepository;
import userapi.jdbc.JdbcUserRepository;
import userapi.limits.BoundedPasswordHasher;
import userapi.limits.RequestLimitsFilter;
import userapi.limits.ServerLimits;
import userapi.mail.Mailers;
import userapi.metrics.Metrics;
import userapi.metrics.MetricsHandler;
import userapi.openapi.ApiDocs;
import userapi.openapi.OpenApiDocument;
import userapi.repository.InMemoryUserRepository;
import userapi.model.User;
import userapi.repository.UserRepository;
import userapi.service.DefaultUserService;
import userapi.service.Pbkdf2PasswordHasher;
import userapi.service.UserService;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The composition root of the production server: the lecture's graph (repository -> service -> handlers ->
 * router -> edge filter -> server, from src/core) with the extras attached on its seams: sign-in as a handler
 * decorator in the route table, its rules as a decorator of the user service, the JDBC stores and their read cache
 * behind the repository interface, metrics on the edge's observer hook, request limits as one more filter, and a
 * bounded hasher behind the PasswordHasher port, and account recovery: its own routes, a decorator of the user
 * service that mails about addresses, a response model with the account's state, and the mail outbox delivered in
 * the background through the Mailer port. {@link #start(Config)} opens the store DATABASE_URL names, and close()
 * closes it last.
 */
public final class ProductionApp implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ProductionApp.class.getName());

    /** How long a create may wait for a hashing permit before it is answered 503 SERVICE_OVERLOADED. */
    static final Duration HASH_PERMIT_WAIT = Duration.ofSeconds(1);
    /** How long shutdown waits for requests in flight. */
    public static final int SHUTDOWN_GRACE_SECONDS = App.SHUTDOWN_GRACE_SECONDS;
    /** How long a request waits for a database connection before it answers 503. */
    static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(3);

    private final App app;
    private final AtomicBoolean stopping;
    private final Duration drain;

    private ProductionApp(App app, AtomicBoolean stopping, Duration drain) {
        this.app = app;
        this.stopping = stopping;
        this.drain = drain;
    }

    /**
     * Opens the repository of config.databaseUrl() (the app owns it and closes it last), then starts.
     * @throws Database.CannotOpen if the database is corrupt, locked or refuses us
     */
    public static ProductionApp start(Config config) throws IOException {
        if (config.databaseUrl().equals(Config.MEMORY)) {
            UserRepository users = new InMemoryUserRepository();
            InMemoryAccountStore accounts = new InMemoryAccountStore(users);
            return start(config, users, new InMemoryTokenRepository(), accounts, accounts, null, null, null);
        }
        Database database = Database.open(config.databaseUrl(), config.databasePassword(), config.databasePoolSize(),
                DATABASE_TIMEOUT);
        UserRepository users = new JdbcUserRepository(database); // closes the database
        TokenRepository tokens = new JdbcTokenRepository(database); // one pool for all
        JdbcAccountStore accounts = new JdbcAccountStore(database);
        ReadCache cache = null;
        if (database.isSqlite()) { // PostgreSQL: other instances write too, and no connection can tell us when
            cache = new ReadCache(new SqliteDataVersion(database::openOutsidePool));
            users = new CachedUserRepository(users, cache); // closes the cache, then the repository
            tokens = new CachedTokenRepository(tokens, cache);
        }
        try {
            return start(config, users, tokens, accounts, accounts, users, database.poolStatistics(), cache);
        } catch (IOException | RuntimeException e) {
            users.close();
            throw e;
        }
    }

    /** Starts on a repository the caller owns and closes, with tokens kept in memory. */
    public static ProductionApp start(Config config, UserRepository repository) throws IOException {
        return start(config, repository, new InMemoryTokenRepository());
    }

    /**
     * Starts on repositories the caller owns and closes (tests hand in in-memory ones they can look into); what
     * account recovery stores goes beside the users: in the same database, or in memory.
     */
    public static ProductionApp start(Config config, UserRepository repository, TokenRepository tokens) throws IOException {
        if (repository instanceof JdbcUserRepository jdbc) {
            JdbcAccountStore accounts = new JdbcAccountStore(jdbc.database());
            return start(config, repository, tokens, accounts, accounts, null, jdbc.database().poolStatistics(), null);
        }
        InMemoryAccountStore accounts = new InMemoryAccountStore(repository);
        return start(config, repository, tokens, accounts, accounts, null, null, null);
    }

    /**
     * @param pool the database pool's numbers for /metrics; null for a store without one
     * @param cache the repositories' read cache, which each request then reads through with one look; or null
     */
    private static ProductionApp start(Config config, UserRepository repository, TokenRepository tokens,
                                       AccountStore accounts, MailOutbox outbox, UserRepository owned,
                                       HikariPoolMXBean pool, ReadCache cache) throws IOException {
        JsonMapper mapper = JsonMappers.strict();
        ValidatorFactory validation = App.validation();
        ModelReader models = new ModelReader(mapper, validation.getValidator());
        JsonBodyWriter writer = new JsonBodyWriter(mapper);

        BoundedPasswordHasher hasher = new BoundedPasswordHasher(new Pbkdf2PasswordHasher(config.passwordHashIterations()),
                Runtime.getRuntime().availableProcessors(), HASH_PERMIT_WAIT);
        Clock clock = Clock.systemUTC();
        UserService lecture = new DefaultUserService(repository, hasher, config.blockedEmailDomains(), clock,
                UUID::randomUUID);
        AtomicBoolean stopping = new AtomicBoolean(); // set once, by close()
        HealthHandler health = new HealthHandler(repository::reachable, stopping::get);
        Metrics metrics = new Metrics(hasher::permitsInUse, hasher.permits(), hasher::shed);
        if (pool != null) { // an in-memory store has no pool to watch
            metrics.databasePool(pool);
        }
        metrics.mailOutbox(outbox::size);
        AtomicReference<App> serving = new AtomicReference<>(); // the links' base is known once the server listens
        AccountMails mails = new AccountMails(() -> publicUrl(config, serving.get()));
        DefaultAccountService accountService = new DefaultAccountService(repository, tokens, accounts, outbox, hasher,
                new Tokens(), mails, clock, DefaultAccountService.RESET_ANSWER_FLOOR);
        UserService service = new MailingUserService(lecture, accountService);
        LoginCheck verifiedOnly = config.requireVerifiedEmail() ? user -> {
            if (!accountService.isVerified(user)) {
                throw new EmailNotVerified();
            }
        } : LoginCheck.NONE;
        DefaultAuthService auth = new DefaultAuthService(repository, tokens, hasher,
                new LoginThrottle(clock, LoginThrottle.DEFAULT_MAX_TRACKED), new Tokens(), clock,
                Duration.ofSeconds(config.tokenTtlSeconds()), metrics, verifiedOnly);
        SignedInUsers signedIn = new SignedInUsers(service, tokens, hasher);
        Function<User, AccountResponse> responseModel = user -> AccountResponse.of(user, accountService.isVerified(user));

        ApiDocs docs = ApiDocs.load();
        Router router = routes(new Router(writer, App.MAX_BODY_BYTES, List.of(SignIn.AUTHORIZATION)),
                new UserHandler(service, models, responseModel),
                caller -> new UserHandler(signedIn.as(caller), models, responseModel),
                new SignIn(auth), new AuthHandler(auth, models), new AccountHandler(accountService, models),
                AccountPages.load(), health, new MetricsHandler(metrics), docs);
        if (cache != null) { // one look at the store's change counter per request, not one per read
            router.around(handler -> request -> {
                ReadCache.Scope scope = cache.openScope();
                try {
                    return handler.handle(request);
                } finally {
                    scope.close();
                }
            });
        }
        OpenApiDocument.checkDescribed(router.routes()); // a route without its description stops the start
        docs.publish(() -> OpenApiDocument.build(router.routes(), validation.getValidator(), mapper)); // built when first asked for

        List<Filter> filters = List.of(
                // outermost: request id, exception handler, access line, and metrics by route template
                new EdgeFilter(writer, (method, rawPath, status, nanos) ->
                        metrics.record(method, router.templateOf(method, rawPath), status, nanos)),
                new RequestLimitsFilter(ServerLimits.MAX_URI_LENGTH, ServerLimits.MAX_HEADER_COUNT, ServerLimits.MAX_HEADER_BYTES));
        ExpiredTokenSweeper sweeper = new ExpiredTokenSweeper(tokens, clock).start();
        ExpiredTokenSweeper mailedTokenSweeper = new ExpiredTokenSweeper(accounts::deleteSpent, clock).start();
        OutboxSender sender = new OutboxSender(outbox, Mailers.of(config.mail()), clock, metrics).start();
        List<AutoCloseable> resources = new ArrayList<>(List.of(sender, sweeper, mailedTokenSweeper, hasher, validation::close));
        if (owned != null) {
            resources.add(owned); // the database last
        }
        App app = App.serve(new InetSocketAddress(config.host(), config.port()), router, filters, resources);
        serving.set(app);
        LOG.info(() -> "links in mails start with " + publicUrl(config, app) + (config.publicUrl() == null
                ? " (set PUBLIC_URL to the address users reach this server at)" : ""));
        return new ProductionApp(app, stopping, Duration.ofSeconds(config.shutdownDrainSeconds()));
    }

    /**
     * The route table of the production server, every route in one block. A route wrapped in signIn.required(...)
     * needs a valid bearer token (else 401); the handler it runs is the core's UserHandler over the user service as
     * that caller sees it (SignedInUsers), which decides what the caller may do to which user. /users/me is a path
     * of its own: the Router lets a literal segment win over a template such as /users/{id}.
     */
    static Router routes(Router router, UserHandler anyone, Function<Caller, UserHandler> as, SignIn signIn,
                         AuthHandler auth, AccountHandler account, AccountPages pages, HealthHandler health,
                         MetricsHandler metrics, ApiDocs docs) {
        return router
                .get("/health", health::ready) // the old name of /health/ready, kept for existing probes
                .get("/health/live", health::live)
                .get("/health/ready", health::ready)
                .get("/metrics", metrics::scrape)
                .post("/auth/login", auth::login)
                .post("/auth/logout", signIn.required(auth::logout))
                .post("/auth/password-reset", account::requestPasswordReset)
                .post("/auth/password-reset/confirm", account::confirmPasswordReset)
                .post("/auth/verify-email", account::verifyEmail)
                .post("/auth/verify-email/resend", signIn.required(account::resendVerification))
                .post("/users", anyone::create)
                .get("/users", signIn.required((request, caller) -> as.apply(caller).list(request)))
                .get("/users/me", signIn.required((request, caller) ->
                        as.apply(caller).get(request.withPathParam("id", caller.userId().toString()))))
                .get("/users/{id}", signIn.required((request, caller) -> as.apply(caller).get(request)))
                .patch("/users/{id}", signIn.required((request, caller) -> as.apply(caller).update(request)))
                .delete("/users/{id}", signIn.required((request, caller) -> as.apply(caller).delete(request)))
                .get("/reset-password", pages::resetPassword) // the pages the links in mails open
                .get("/verify-email", pages::verifyEmail)
                .get("/openapi.json", docs::document)
                .get("/docs", docs::page)
                .get("/docs/{file}", docs::file);
    }

    /**
     * PUBLIC_URL, or else http://HOST:PORT as this server listens (localhost for a wildcard host, which no browser
     * can open).
     */
    private static String publicUrl(Config config, App app) {
        if (config.publicUrl() != null) {
            return config.publicUrl();
        }
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "localhost"
                : config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + (app == null ? config.port() : app.port());
    }

    /** The routes this server answers, as declared in {@link #routes}. */
    public List<Router.Route> routes() {
        return app.routes();
    }

    public int port() {
        return app.port();
    }

    /**
     * Shutdown, in order: /health/ready turns 503 at once while everything is still served, for the drain delay
     * (SHUTDOWN_DRAIN_SECONDS), so load balancers stop sending us requests; then the core App stops accepting,
     * lets requests in flight finish (bounded), and releases everything, the database last.
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
        app.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
