package userapi.auth;

import userapi.service.EmailAddresses;
import userapi.service.PasswordHasher;

import userapi.auth.InvalidCredentials;
import userapi.limits.ServiceOverloaded;
import userapi.auth.TooManyLoginAttempts;
import userapi.metrics.SignInMetrics;
import userapi.auth.Caller;
import userapi.auth.IssuedToken;
import userapi.auth.LoginRequest;
import userapi.auth.StoredToken;
import userapi.model.User;
import userapi.auth.TokenRepository;
import userapi.audit.AuditEventType;
import userapi.audit.AuditLog;
import userapi.repository.UserRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The rules of signing in: a login checks the stored password and issues an opaque bearer token; logout revokes
 * it (TokenAuthenticator turns a token back into its caller). Knows nothing of HTTP. An unknown e-mail and a wrong
 * password fail alike, and cost alike: the unknown e-mail is checked against a dummy hash of today's settings.
 * Every password checked here goes through the PasswordBrake, counted against the client address the caller hands
 * in; each outcome is told to the audit log. A user holds at most {@link #MAX_TOKENS_PER_USER} live tokens: each
 * login revokes the oldest beyond them.
 */
public final class DefaultAuthService implements AuthService {
    private static final Logger LOG = Logger.getLogger(DefaultAuthService.class.getName());
    private static final String DUMMY_PASSWORD = "no user has this password: it only makes an unknown e-mail cost one hash";
    /** Live tokens a user may hold at once: a login beyond them revokes the oldest. */
    public static final int MAX_TOKENS_PER_USER = 20;

    private final UserRepository users;
    private final TokenRepository tokens;
    private final PasswordHasher hasher;
    private final PasswordBrake brake;
    private final Tokens newTokens;
    private final Clock clock;
    private final Duration tokenTtl;
    private final SignInMetrics metrics;
    private final LoginCheck check;
    private final AuditLog audit;
    /** Made once in the background at start: at the real iteration count it takes as long as a login. */
    private final CompletableFuture<String> dummyHash;

    /**
     * Starts hashing one dummy password (through the hasher, so with today's iterations), for unknown e-mails, on a
     * thread of its own: the server does not wait for it to start, only the first unknown e-mail's login does.
     */
    public DefaultAuthService(UserRepository users, TokenRepository tokens, PasswordHasher hasher, PasswordBrake brake,
                              Tokens newTokens, Clock clock, Duration tokenTtl, SignInMetrics metrics) {
        this(users, tokens, hasher, brake, newTokens, clock, tokenTtl, metrics, LoginCheck.NONE);
    }

    /** @param check what a user whose password matched must still pass to get a token */
    public DefaultAuthService(UserRepository users, TokenRepository tokens, PasswordHasher hasher, PasswordBrake brake,
                              Tokens newTokens, Clock clock, Duration tokenTtl, SignInMetrics metrics, LoginCheck check) {
        this(users, tokens, hasher, brake, newTokens, clock, tokenTtl, metrics, check, AuditLog.NONE);
    }

    /** @param audit told of every login, failed login, refusal by the brake and logout */
    public DefaultAuthService(UserRepository users, TokenRepository tokens, PasswordHasher hasher, PasswordBrake brake,
                              Tokens newTokens, Clock clock, Duration tokenTtl, SignInMetrics metrics, LoginCheck check,
                              AuditLog audit) {
        this.check = check;
        this.audit = audit;
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.brake = brake;
        this.newTokens = newTokens;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.metrics = metrics;
        this.dummyHash = CompletableFuture.supplyAsync(() -> hasher.hash(DUMMY_PASSWORD),
                task -> Thread.ofVirtual().name("dummy-hash").start(task));
    }

    @Override
    public IssuedToken login(LoginRequest request, String clientAddress) {
        String email = EmailAddresses.canonical(request.email());
        try {
            brake.check(email, clientAddress); // before any hashing
        } catch (TooManyLoginAttempts lockedOut) {
            metrics.lockedOut();
            audit.record(AuditEventType.LOGIN_LOCKED, users.findByEmail(email).map(User::id).orElse(null));
            throw lockedOut;
        }
        Optional<User> user = users.findByEmail(email);
        // ServiceOverloaded (busy) leaves here unjudged: it counts as no failure
        boolean matches = hasher.matches(request.password(), user.isPresent() ? user.get().passwordHash() : dummyHash());
        if (user.isEmpty() || !matches) {
            brake.failed(email, clientAddress);
            metrics.loginFailed();
            audit.record(AuditEventType.LOGIN_FAILED, user.map(User::id).orElse(null));
            throw new InvalidCredentials();
        }
        brake.succeeded(email, clientAddress);
        check.passwordMatched(user.get()); // only after the right password: it tells nothing to a guesser
        rehashIfOutdated(user.get(), request.password());
        return issue(user.get());
    }

    /** The dummy hash; made here and now if making it at start failed (the hasher was busy). */
    private String dummyHash() {
        try {
            return dummyHash.join();
        } catch (CompletionException busyAtStart) {
            return hasher.hash(DUMMY_PASSWORD);
        }
    }

    @Override
    public void logout(Caller caller) {
        tokens.delete(caller.tokenHash());
        audit.record(AuditEventType.LOGOUT, caller.userId());
        LOG.info(() -> "user " + caller.userId() + " logged out");
    }

    private IssuedToken issue(User user) {
        String token = newTokens.newToken();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(tokenTtl);
        String hash = Tokens.hash(token);
        tokens.insert(new StoredToken(hash, user.id(), now, expiresAt));
        int revoked = tokens.deleteAllButNewestOf(user.id(), hash, MAX_TOKENS_PER_USER, now);
        if (revoked > 0) {
            LOG.fine(() -> "user " + user.id() + " holds " + MAX_TOKENS_PER_USER + " tokens: revoked the oldest "
                    + revoked);
        }
        audit.record(AuditEventType.LOGIN_SUCCEEDED, user.id());
        LOG.info(() -> "user " + user.id() + " logged in");
        return new IssuedToken(token, expiresAt);
    }

    /**
     * A hash made with fewer iterations than today's is redone now that we know the password. Only if the stored
     * hash is still the one checked: a password changed meanwhile stays changed. When the server is too busy to
     * hash again, the login still succeeds; the next one re-hashes.
     */
    private void rehashIfOutdated(User user, String password) {
        if (!hasher.needsRehash(user.passwordHash())) {
            return;
        }
        try {
            if (users.replacePasswordHash(user.id(), user.passwordHash(), hasher.hash(password))) {
                LOG.info(() -> "re-hashed the password of user " + user.id() + " with today's settings");
            }
        } catch (ServiceOverloaded busy) {
            LOG.log(Level.FINE, "no re-hash of user " + user.id() + ": the hasher is busy", busy);
        }
    }
}
