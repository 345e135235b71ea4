package userapi.limits;

import userapi.service.PasswordHasher;

import userapi.limits.ServiceOverloaded;

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
 * the CPU-bound work runs off the virtual-thread carriers, a hashing flood cannot starve request handling.
 */
public final class BoundedPasswordHasher implements PasswordHasher, AutoCloseable {
    private final PasswordHasher delegate;
    private final int concurrency;
    private final LongAdder shed = new LongAdder();
    private final Semaphore permits;
    private final Duration maxWait;
    private final ExecutorService workers;

    public BoundedPasswordHasher(PasswordHasher delegate, int concurrency, Duration maxWait) {
        this.delegate = delegate;
        this.concurrency = concurrency;
        this.permits = new Semaphore(concurrency, true);
        this.maxWait = maxWait;
        this.workers = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().name("password-hasher-", 1)
                .daemon(true).factory());
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

    private <T> T bounded(Supplier<T> work) {
        try {
            if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                shed.increment();
                throw new ServiceOverloaded();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceOverloaded();
        }
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

    /** Hashes that may run at once. */
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
