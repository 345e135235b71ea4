package userapi.limits;

import userapi.service.PasswordHasher;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Runs an expensive hasher on a small pool of platform threads behind a fixed number of permits. A caller that
 * cannot get a permit within a short wait gets ServiceOverloaded instead of queueing without bound; and since
 * the CPU-bound work runs off the virtual-thread carriers, a hashing flood cannot starve request handling. Some
 * permits may be held back from {@link #forSignUps()}: a flood of sign-ups then never takes the last permit, and the
 * password checks of logins (and the other callers of this hasher itself) still find one.
 */
public final class BoundedPasswordHasher implements PasswordHasher, AutoCloseable {
    private final PasswordHasher delegate;
    private final int concurrency;
    private final LongAdder shed = new LongAdder();
    private final Semaphore permits;
    /** What sign-ups must hold before they may wait for one of {@link #permits}: all of them but the reserved. */
    private final Semaphore unreserved;
    private final Duration maxWait;
    private final ExecutorService workers;
    private final PasswordHasher signUps;

    /** No permit held back: every caller takes any of the {@code concurrency} permits. */
    public BoundedPasswordHasher(PasswordHasher delegate, int concurrency, Duration maxWait) {
        this(delegate, concurrency, 0, maxWait);
    }

    /**
     * @param concurrency hashes that may run at once, all callers together
     * @param reserved how many of them {@link #forSignUps()} may never hold; fewer than concurrency
     */
    public BoundedPasswordHasher(PasswordHasher delegate, int concurrency, int reserved, Duration maxWait) {
        if (concurrency < 1 || reserved < 0 || reserved >= concurrency) {
            throw new IllegalArgumentException("need 0 <= reserved < concurrency, not " + reserved + " of " + concurrency);
        }
        this.delegate = delegate;
        this.concurrency = concurrency;
        this.permits = new Semaphore(concurrency, true);
        this.unreserved = new Semaphore(concurrency - reserved, true);
        this.maxWait = maxWait;
        this.workers = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().name("password-hasher-", 1)
                .daemon(true).factory());
        this.signUps = new PasswordHasher() {
            @Override
            public String hash(String password) {
                return unreserved(() -> delegate.hash(password));
            }

            @Override
            public boolean matches(String password, String storedHash) {
                return unreserved(() -> delegate.matches(password, storedHash));
            }

            @Override
            public boolean needsRehash(String storedHash) {
                return delegate.needsRehash(storedHash);
            }
        };
    }

    /**
     * The same hasher as sign-ups (and the lecture's user service, whose password changes are new hashes too) use
     * it: it shares this hasher's permits but never holds the reserved ones, however many of its callers wait.
     */
    public PasswordHasher forSignUps() {
        return signUps;
    }

    @Override
    public String hash(String password) {
        return bounded(() -> delegate.hash(password));
    }

    @Override
    public boolean matches(String password, String storedHash) {
        return bounded(() -> delegate.matches(password, storedHash));
    }

    /** Only reads the stored string's header: no hashing, so no permit. */
    @Override
    public boolean needsRehash(String storedHash) {
        return delegate.needsRehash(storedHash);
    }

    /**
     * Holds an unreserved permit, then waits for a permit within what is left of the same wait: since at most
     * concurrency - reserved callers hold an unreserved one, the reserved permits are never theirs.
     */
    private <T> T unreserved(Supplier<T> work) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        acquire(unreserved, maxWait.toNanos());
        try {
            return bounded(work, Math.max(0, deadline - System.nanoTime()));
        } finally {
            unreserved.release();
        }
    }

    private <T> T bounded(Supplier<T> work) {
        return bounded(work, maxWait.toNanos());
    }

    private <T> T bounded(Supplier<T> work, long waitNanos) {
        acquire(permits, waitNanos);
        try {
            Future<T> result = workers.submit(work::get); // the virtual thread parks here, freeing its carrier
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceOverloaded();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("password hashing failed", e.getCause());
        } finally {
            permits.release();
        }
    }

    /** Takes one of these permits within the wait, or counts a shed caller and throws ServiceOverloaded. */
    private void acquire(Semaphore semaphore, long waitNanos) {
        try {
            if (!semaphore.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                shed.increment();
                throw new ServiceOverloaded();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceOverloaded();
        }
    }

    /** Hashes that may run at once, the reserved permits included. */
    public int permits() {
        return concurrency;
    }

    /** Hashes running now (for /metrics). */
    public int permitsInUse() {
        return concurrency - permits.availablePermits();
    }

    /** Callers turned away so far because no permit came within the wait (each answered 503). */
    public long shed() {
        return shed.sum();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
