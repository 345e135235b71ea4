package userapi.auth;

import userapi.auth.TooManyLoginAttempts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brute-force brake on logins: after {@link #MAX_FAILURES} failed logins for one e-mail within {@link #WINDOW},
 * further logins for it are refused (TooManyLoginAttempts, even with the right password) until the oldest failure
 * leaves the window. Per instance and in memory: N instances behind a balancer allow up to N times as many guesses.
 * <p>
 * Only judged failures count: a login the server was too busy to check, or a burst of logins with the right
 * password, is never locked out by itself. The price is that a burst of parallel guesses all checked before the
 * first failure is recorded gets past the count; the bounded hasher (a few at a time, a short wait, then 503) keeps
 * that burst small, and the next is refused. A success forgets the e-mail. At most {@code maxTracked} e-mails are remembered, the least recently tried dropped first: a flood of
 * random e-mails costs bounded memory (and, as each try costs a password hash, cannot evict a victim's count fast).
 */
public final class LoginThrottle {
    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures;

    public LoginThrottle(Clock clock, int maxTracked) {
        this.clock = clock;
        this.failures = new LinkedHashMap<>(16, 0.75f, true) { // access order: the eldest is the least recently tried
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > maxTracked;
            }
        };
    }

    /**
     * Refuses a login for this (canonical) e-mail before any hashing, if it already has MAX_FAILURES failures
     * within the window. @throws TooManyLoginAttempts with the seconds until the oldest of them leaves it
     */
    public synchronized void check(String email) {
        Deque<Instant> recent = failures.get(email);
        if (recent == null) {
            return;
        }
        Instant now = clock.instant();
        dropExpired(recent, now);
        if (recent.size() >= MAX_FAILURES) {
            Duration wait = Duration.between(now, recent.peekFirst().plus(WINDOW));
            throw new TooManyLoginAttempts((int) Math.ceilDiv(wait.toMillis(), 1000));
        }
    }

    /** The password was wrong (or no user has the e-mail): one more failure in the window. */
    public synchronized void failed(String email) {
        Instant now = clock.instant();
        Deque<Instant> recent = failures.computeIfAbsent(email, e -> new ArrayDeque<>(MAX_FAILURES + 1));
        dropExpired(recent, now);
        recent.addLast(now);
        while (recent.size() > MAX_FAILURES) {
            recent.pollFirst(); // the newest MAX_FAILURES decide how long the lockout lasts
        }
    }

    /** The password was right: the e-mail's failures are forgotten. */
    public synchronized void succeeded(String email) {
        failures.remove(email);
    }

    private static void dropExpired(Deque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
            recent.pollFirst();
        }
    }

    /** How many e-mails are remembered now: never more than maxTracked. */
    synchronized int tracked() {
        return failures.size();
    }
}
