package userapi.auth;

import userapi.auth.TokenRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes expired tokens (bearer tokens, or the one-time tokens of mails) in the background, every {@link #PERIOD}, through the index on their expiry: no request
 * ever pays for it (a lookup already ignores an expired token). Several instances sweeping one database do no
 * harm: each deletes what is expired at that moment.
 */
public final class ExpiredTokenSweeper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExpiredTokenSweeper.class.getName());
    public static final Duration PERIOD = Duration.ofMinutes(10);

    /** One sweep of a store: removes what is expired at now. @return how many */
    @FunctionalInterface
    public interface Sweep {
        int deleteExpired(Instant now);
    }

    private final Sweep tokens;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("expired-token-sweeper").daemon(true).factory());

    public ExpiredTokenSweeper(TokenRepository tokens, Clock clock) {
        this(tokens::deleteExpired, clock);
    }

    public ExpiredTokenSweeper(Sweep tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** First sweep one period after the start, then every period. */
    public ExpiredTokenSweeper start() {
        timer.scheduleWithFixedDelay(this::sweep, PERIOD.toSeconds(), PERIOD.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    /** One sweep; a failure (the database is down) is logged and the next period tries again. */
    public int sweep() {
        try {
            int removed = tokens.deleteExpired(clock.instant());
            if (removed > 0) {
                LOG.fine(() -> "removed " + removed + " expired tokens");
            }
            return removed;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not remove expired tokens; trying again in " + PERIOD.toMinutes() + " min", e);
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
