package userapi.limits;

import userapi.http.Handler;
import userapi.http.Response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SIGNUP_LIMIT_PER_HOUR: a handler decorator (for the sign-up route) that lets one client address make at most so
 * many sign-ups in any hour, and answers the next 429 TOO_MANY_SIGN_UPS with Retry-After, before the body is read
 * or a password hashed. A sign-up counts when its handler answers 2xx; one refused for any reason (422, 409, 503)
 * gives its place back, so a typo costs nothing. The place is taken before the handler runs, so parallel requests
 * cannot pass the limit together. The address is the request's client (TRUSTED_PROXIES resolved it), an IPv6 one
 * by its /64 as for the password brake. Counted in this process's memory: several instances each count their own.
 * Bounded twice: an address keeps at most the limit's number of times, and at most {@code maxAddresses} addresses
 * are remembered, the least recently seen dropped first.
 */
public final class SignUpLimit {
    /** The window the limit counts in. */
    public static final Duration WINDOW = Duration.ofHours(1);
    /** How many client addresses the production server remembers at most. */
    public static final int DEFAULT_MAX_ADDRESSES = 10_000;

    private final int perHour;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent;

    /** @param perHour the sign-ups an address may make in any hour; 0 is no limit at all */
    public SignUpLimit(int perHour, int maxAddresses, Clock clock) {
        if (perHour < 0 || maxAddresses < 1) {
            throw new IllegalArgumentException("need perHour >= 0 and maxAddresses >= 1");
        }
        this.perHour = perHour;
        this.clock = clock;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) { // access order: the eldest is the least recently seen
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    /** The sign-up handler, limited per client address; the handler itself when there is no limit. */
    public Handler limited(Handler signUp) {
        if (perHour == 0) {
            return signUp;
        }
        return request -> {
            String address = TrustedProxies.network64(request.clientAddress());
            Instant taken = take(address);
            boolean counted = false;
            try {
                Response response = signUp.handle(request);
                counted = response.status() >= 200 && response.status() < 300;
                return response;
            } finally {
                if (!counted) {
                    giveBack(address, taken);
                }
            }
        };
    }

    /** Takes a place in the address's hour, or throws TooManySignUps with the seconds until its oldest leaves it. */
    private synchronized Instant take(String address) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(address, a -> new ArrayDeque<>());
        Instant windowStart = now.minus(WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
            times.pollFirst();
        }
        if (times.size() >= perHour) {
            long millis = Duration.between(now, times.peekFirst().plus(WINDOW)).toMillis();
            throw new TooManySignUps((int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
        }
        times.addLast(now);
        return now;
    }

    private synchronized void giveBack(String address, Instant taken) {
        Deque<Instant> times = recent.get(address);
        if (times != null) {
            times.removeLastOccurrence(taken);
            if (times.isEmpty()) {
                recent.remove(address);
            }
        }
    }

    /** How many addresses are remembered now: never more than maxAddresses. */
    synchronized int addresses() {
        return recent.size();
    }
}
