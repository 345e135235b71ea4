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
import userapi.account.AccountResponses;
import userapi.account.AccountStatusHandler;
import userapi.account.AccountStatusService;
import userapi.account.AccountStore;
import userapi.account.DefaultAccountService;
import userapi.account.DisabledAccounts;
import userapi.account.EmailNotVerified;
import userapi.account.InMemoryAccountStore;
import userapi.account.InMemoryDisabledAccounts;
import userapi.account.MailOutbox;
import userapi.account.MailingUserService;
import userapi.account.OutboxSender;
import userapi.account.StoredAccountStandings;
import userapi.auth.AuthHandler;
import userapi.auth.Caller;
import userapi.auth.AccountDeletion;
import userapi.auth.DefaultAuthService;
import userapi.auth.FailureCounts;
import userapi.auth.InMemoryFailureCounts;
import userapi.auth.ExpiredTokenSweeper;
import userapi.audit.AuditHandler;
import userapi.audit.AuditLog;
import userapi.audit.AuditStore;
import userapi.audit.AuditTrail;
import userapi.audit.AuditedUserService;
import userapi.audit.InMemoryAuditStore;
import userapi.audit.StoredAuditLog;
import userapi.audit.UnitOfWork;
import userapi.auth.InMemoryTokenRepository;
import userapi.auth.LoginCheck;
import userapi.auth.PasswordBrake;
import userapi.auth.SessionHandler;
import userapi.auth.Sessions;
import userapi.auth.SignIn;
import userapi.auth.SignedInUsers;
import userapi.auth.StoredTokenOwners;
import userapi.auth.TokenAuthenticator;
import userapi.auth.TokenOwners;
import userapi.auth.TokenRepository;
import userapi.auth.Tokens;
import userapi.browser.CorsFilter;
import userapi.browser.CorsPolicy;
import userapi.browser.SafeHeadersFilter;
import userapi.cache.CachedTokenOwners;
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
import userapi.jdbc.JdbcAccountStandings;
import userapi.jdbc.JdbcAccountStore;
import userapi.jdbc.JdbcAuditStore;
import userapi.jdbc.JdbcDisabledAccounts;
import userapi.jdbc.JdbcFailureCounts;
import userapi.jdbc.JdbcTokenOwners;
import userapi.jdbc.JdbcTokenRepository;
import userapi.directory.InMemoryUserDirectory;
import userapi.directory.UserList;
import userapi.directory.UserListHandler;
import userapi.jdbc.JdbcUserDirectory;
import userapi.jdbc.JdbcUserRepository;
import userapi.limits.BoundedPasswordHasher;
import userapi.limits.ConnectionsPerClient;
import userapi.limits.RequestLimitsFilter;
import userapi.limits.SignUpLimit;
import userapi.limits.TrustedProxies;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /**
     * Hashing permits sign-ups (and the lecture service's password changes) may never hold: the password checks of
     * logins and of currentPassword, and password resets, keep them whatever the flood of new hashes.
     */
    static final int HASH_PERMITS_RESERVED = 1;
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
            return start(config, users, new InMemoryTokenRepository(), null, accounts, accounts,
                    new InMemoryDisabledAccounts(users), null, null, null, null);
        }
        Database database = Database.open(config.databaseUrl(), config.databasePassword(), config.databasePoolSize(),
                DATABASE_TIMEOUT);
        UserRepository users = new JdbcUserRepository(database); // closes the database
        TokenRepository tokens = new JdbcTokenRepository(database); // one pool for all
        JdbcAccountStore accounts = new JdbcAccountStore(database);
        ReadCache cache = null;
        if (database.isSqlite()) { // PostgreSQL: other instances write too, and no connection can tell us when
            // a unit of work's own uncommitted writes are neither answered from the cache nor kept in it
            cache = new ReadCache(new SqliteDataVersion(database::openOutsidePool), database::writingInUnitOfWork);
            users = new CachedUserRepository(users, cache); // closes the cache, then the repository
            tokens = new CachedTokenRepository(tokens, cache);
        }
        try {
            TokenOwners owners = cache == null ? new JdbcTokenOwners(database)
                    : new CachedTokenOwners(new JdbcTokenOwners(database), cache);
            return start(config, users, tokens, owners, accounts, accounts, new JdbcDisabledAccounts(database), users,
                    database.poolStatistics(), cache, database);
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
            return start(config, repository, tokens, null, accounts, accounts, new JdbcDisabledAccounts(jdbc.database()), null,
                    jdbc.database().poolStatistics(), null, jdbc.database());
        }
        InMemoryAccountStore accounts = new InMemoryAccountStore(repository);
        return start(config, repository, tokens, null, accounts, accounts, new InMemoryDisabledAccounts(repository), null,
                null, null, null);
    }

    /**
     * @param ownersRead every signed-in request's read of its token's owner, in one statement on a SQL store whose
     *                   tokens are beside its users; null: read from the stores given, one after the other
     * @param pool the database pool's numbers for /metrics; null for a store without one
     * @param cache the repositories' read cache, which each request then reads through with one look; or null
     * @param database the SQL database the stores share, where the audit trail goes too and whose units of work make
     *                 a change and its audit row one transaction; null for the in-memory stores
     */
    private static ProductionApp start(Config config, UserRepository repository, TokenRepository tokens,
                                       TokenOwners ownersRead, AccountStore accounts, MailOutbox outbox, DisabledAccounts disabled,
                                       UserRepository owned,
                                       HikariPoolMXBean pool, ReadCache cache, Database database) throws IOException {
        JsonMapper mapper = JsonMappers.strict();
        ValidatorFactory validation = App.validation();
        ModelReader models = new ModelReader(mapper, validation.getValidator());
        JsonBodyWriter writer = new JsonBodyWriter(mapper);

        // a hash per core for sign-ups, and one more permit they cannot take: logins keep it in a sign-up flood
        BoundedPasswordHasher hasher = new BoundedPasswordHasher(new Pbkdf2PasswordHasher(config.passwordHashIterations()),
                Runtime.getRuntime().availableProcessors() + HASH_PERMITS_RESERVED, HASH_PERMITS_RESERVED, HASH_PERMIT_WAIT);
        Clock clock = Clock.systemUTC();
        UserService lecture = new DefaultUserService(repository, hasher.forSignUps(), config.blockedEmailDomains(), clock,
                UUID::randomUUID);
        AtomicBoolean stopping = new AtomicBoolean(); // set once, by close()
        HealthHandler health = new HealthHandler(repository::reachable, stopping::get);
        Metrics metrics = new Metrics(hasher::permitsInUse, hasher.permits(), hasher::shed);
        if (pool != null) { // an in-memory store has no pool to watch
            metrics.databasePool(pool);
        }
        if (database != null) {
            metrics.databaseStatements(database::statementsRun);
        }
        metrics.mailOutbox(outbox::size);
        AtomicReference<App> serving = new AtomicReference<>(); // the links' base is known once the server listens
        AccountMails mails = new AccountMails(() -> publicUrl(config, serving.get()));
        AuditStore auditStore = database == null ? new InMemoryAuditStore() : new JdbcAuditStore(database);
        UnitOfWork units = database == null ? UnitOfWork.DIRECT : database::inUnitOfWork;
        AuditLog audit = new StoredAuditLog(auditStore, clock);
        DefaultAccountService accountService = new DefaultAccountService(repository, tokens, accounts, outbox, hasher,
                new Tokens(), mails, clock, DefaultAccountService.RESET_ANSWER_FLOOR, audit, units);
        // each change and its audit row in one unit of work, the mails it queues included
        UserService service = new AuditedUserService(new MailingUserService(lecture, accountService), audit, units);
        AccountStatusService standing = new AccountStatusService(repository, tokens, disabled, clock, audit, units);
        LoginCheck verifiedOnly = config.requireVerifiedEmail() ? user -> {
            if (!accountService.isVerified(user)) { // the password is proved: a fresh link to their own address is safe
                accountService.resendVerification(user.id());
                throw new EmailNotVerified();
            }
        } : LoginCheck.NONE;
        // PostgreSQL: every instance counts the same failures; one process (memory, SQLite) keeps them in memory
        FailureCounts failures = repository instanceof JdbcUserRepository jdbc && !jdbc.database().isSqlite()
                ? new JdbcFailureCounts(jdbc.database()) : new InMemoryFailureCounts(InMemoryFailureCounts.DEFAULT_MAX_KEYS);
        PasswordBrake brake = new PasswordBrake(failures, clock);
        DefaultAuthService auth = new DefaultAuthService(repository, tokens, hasher, brake, new Tokens(), clock,
                Duration.ofSeconds(config.tokenTtlSeconds()), metrics, standing.loginCheck().andThen(verifiedOnly),
                audit);
        SignedInUsers signedIn = new SignedInUsers(service, tokens, hasher, brake);
        // a signed-in request's one read: the token, its user and the account's standing (one statement on SQL)
        TokenOwners owners = ownersRead != null ? ownersRead
                : new StoredTokenOwners(tokens, repository, accountService::isVerified, disabled::isDisabled);
        AccountResponses responses = new AccountResponses(database == null
                ? new StoredAccountStandings(repository, accounts, disabled)
                : new JdbcAccountStandings(database)); // a user's standing, or a page's, in one statement on SQL
        Function<User, AccountResponse> responseModel = responses::of;

        ApiDocs docs = ApiDocs.load();
        Function<Caller, UserHandler> asCaller = caller -> new UserHandler(signedIn.as(caller), models,
                responses.forCaller(caller));
        Router router = routes(new Router(writer, App.MAX_BODY_BYTES, List.of(SignIn.AUTHORIZATION, TrustedProxies.FORWARDED_FOR)),
                new UserHandler(service, models, responseModel),
                new SignUpLimit(config.signUpLimitPerHour(), SignUpLimit.DEFAULT_MAX_ADDRESSES, clock), asCaller,
                new AccountDeletion(asCaller, (caller, currentPassword) ->
                        new UserHandler(signedIn.as(caller, currentPassword), models, responses.forCaller(caller)), models),
                new SignIn(new TokenAuthenticator(owners, clock)), new AuthHandler(auth, models),
                new SessionHandler(new Sessions(tokens, clock, audit, units)),
                new AccountStatusHandler(standing, responseModel), new AccountHandler(accountService, models),
                AccountPages.load(), health, new MetricsHandler(metrics), docs,
                new AuditHandler(new AuditTrail(auditStore), models),
                new UserListHandler(new UserList(database == null ? new InMemoryUserDirectory(repository, disabled)
                        : new JdbcUserDirectory(database)), models, responses::ofAll));
        TrustedProxies proxies = config.trustedProxies();
        if (cache == null) { // every request from its client, the one behind a trusted proxy if it came through one
            router.around(proxies::around);
        } else { // ... and one look at the store's change counter per request, not one per read
            router.around(handler -> proxies.around(request -> {
                ReadCache.Scope scope = cache.openScope();
                try {
                    return handler.handle(request);
                } finally {
                    scope.close();
                }
            }));
        }
        OpenApiDocument.checkDescribed(router.routes()); // a route without its description stops the start
        docs.publish(() -> OpenApiDocument.build(router.routes(), validation.getValidator(), mapper)); // built when first asked for

        List<Filter> filters = List.of(
                // outermost: request id, exception handler, access line, and metrics by route template
                new EdgeFilter(writer, (method, rawPath, status, nanos) ->
                        metrics.record(method, router.templateOf(method, rawPath), status, nanos)),
                new SafeHeadersFilter(), // nosniff and no-store on every answer, errors included
                new CorsFilter(new CorsPolicy(config.corsOrigins(), router::allowedMethods)), // CORS_ORIGINS
                new ConnectionsPerClient(config.maxConnectionsPerClient(), proxies), // one client cannot take them all
                new RequestLimitsFilter(ServerLimits.MAX_URI_LENGTH, ServerLimits.MAX_HEADER_COUNT, ServerLimits.MAX_HEADER_BYTES));
        Duration retention = Duration.ofDays(config.auditRetentionDays());
        Map<String, ExpiredTokenSweeper.Sweep> sweeps = new LinkedHashMap<>();
        sweeps.put("expired tokens", tokens::deleteExpired);
        sweeps.put("spent one-time tokens of mails", accounts::deleteSpent);
        sweeps.put("old login failures", brake::sweep);
        sweeps.put("audit events past their retention", now -> auditStore.deleteOlderThan(now.minus(retention)));
        ExpiredTokenSweeper sweeper = new ExpiredTokenSweeper(sweeps, clock).start();
        OutboxSender sender = new OutboxSender(outbox, Mailers.of(config.mail()), clock, metrics).start();
        List<AutoCloseable> resources = new ArrayList<>(List.of(sender, sweeper, hasher,
                validation::close));
        if (owned != null) {
            resources.add(owned); // the database last
        }
        App app;
        try {
            app = App.serve(new InetSocketAddress(config.host(), config.port()), router, filters, resources);
        } catch (IOException | RuntimeException e) { // the port is taken: stop the sender and sweepers already running
            for (AutoCloseable resource : resources) {
                if (resource != owned) { // the caller closes what it owns, the database
                    try {
                        resource.close();
                    } catch (Exception closing) {
                        e.addSuppressed(closing);
                    }
                }
            }
            throw e;
        }
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
    static Router routes(Router router, UserHandler anyone, SignUpLimit signUps, Function<Caller, UserHandler> as,
                         AccountDeletion deletion,
                         SignIn signIn,
                         AuthHandler auth, SessionHandler sessions, AccountStatusHandler standing,
                         AccountHandler account, AccountPages pages, HealthHandler health,
                         MetricsHandler metrics, ApiDocs docs, AuditHandler audit, UserListHandler list) {
        return router
                .get("/health", health::ready) // the old name of /health/ready, kept for existing probes
                .get("/health/live", health::live)
                .get("/health/ready", health::ready)
                .get("/metrics", metrics::scrape)
                .post("/auth/login", auth::login)
                .post("/auth/logout", signIn.required(auth::logout))
                .post("/auth/logout-all", signIn.required(sessions::logoutAll))
                .get("/auth/sessions", signIn.required(sessions::list))
                .delete("/auth/sessions/{" + SessionHandler.SESSION_ID + "}", signIn.required(sessions::revoke))
                .post("/auth/password-reset", account::requestPasswordReset)
                .post("/auth/password-reset/confirm", account::confirmPasswordReset)
                .post("/auth/verify-email", account::verifyEmail)
                .post("/auth/verify-email/resend", signIn.required(account::resendVerification))
                .post("/users", signUps.limited(anyone::create)) // SIGNUP_LIMIT_PER_HOUR per client address, if set
                .get("/users", signIn.required(list::list)) // admins only: search, filter, sort, pages by cursor
                .get("/users/me", signIn.required((request, caller) ->
                        as.apply(caller).get(request.withPathParam("id", caller.userId().toString()))))
                .get("/users/{id}", signIn.required((request, caller) -> as.apply(caller).get(request)))
                .patch("/users/{id}", signIn.required((request, caller) -> as.apply(caller).update(request)))
                .delete("/users/{id}", signIn.required(deletion::delete)) // one's own account: with the password
                .post("/users/{id}/disable", signIn.required(standing::disable))
                .post("/users/{id}/enable", signIn.required(standing::enable))
                .get("/audit-events", signIn.required(audit::list)) // admins only
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
