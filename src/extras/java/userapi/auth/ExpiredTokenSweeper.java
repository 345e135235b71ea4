package userapi.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes what has expired in the stores, in the background, every {@link #PERIOD}, on one thread: bearer tokens, the
 * one-time tokens of mails, old login failures, audit events past their retention; each through an index, so no
 * request ever pays for it (a lookup already ignores what has expired). Several instances sweeping one database do no
 * harm: each deletes what is expired at that moment. A sweep that fails is logged and does not stop the others.
 */
public final class ExpiredTokenSweeper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExpiredTokenSweeper.class.getName());
    public static final Duration PERIOD = Duration.ofMinutes(10);

    /** One sweep of a store: removes what is expired at now. @return how many */
    @FunctionalInterface
    public interface Sweep {
        int deleteExpired(Instant now);
    }

    private final Map<String, Sweep> sweeps;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("expired-token-sweeper").daemon(true).factory());

    /** @param sweeps each sweep by what it removes ("expired tokens"), run in this order */
    public ExpiredTokenSweeper(Map<String, Sweep> sweeps, Clock clock) {
        this.sweeps = new LinkedHashMap<>(sweeps);
        this.clock = clock;
    }

    /** First sweep one period after the start, then every period. */
    public ExpiredTokenSweeper start() {
        timer.scheduleWithFixedDelay(this::sweep, PERIOD.toSeconds(), PERIOD.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    /** One round of every sweep; a failure (the database is down) is logged and the next period tries again. @return how many removed */
    public int sweep() {
        int total = 0;
        Instant now = clock.instant();
        for (Map.Entry<String, Sweep> sweep : sweeps.entrySet()) {
            try {
                int removed = sweep.getValue().deleteExpired(now);
                if (removed > 0) {
                    LOG.fine(() -> "removed " + removed + " " + sweep.getKey());
                }
                total += removed;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not remove " + sweep.getKey() + "; trying again in " + PERIOD.toMinutes() + " min", e);
            }
        }
        return total;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
