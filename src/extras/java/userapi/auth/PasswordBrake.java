package userapi.auth;

import userapi.limits.TrustedProxies;
import userapi.service.EmailAddresses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The one brake on password guessing, for every check of a password (a login, the current password before a change
 * of secrets or a deletion). Failures are counted per (e-mail, client address): {@link #MAX_PER_PAIR} in
 * {@link #WINDOW} refuse that pair only, so whoever knows a victim's e-mail cannot lock the victim out from another
 * address; and per client address across every e-mail: {@link #MAX_PER_ADDRESS} in the window refuse that address
 * (password spraying). An unknown e-mail counts like a known one, so a 429 tells nothing about who has an account.
 * A refusal (TooManyLoginAttempts, 429 with Retry-After) comes before any hashing, even for the right password,
 * until the oldest counted failure leaves the window.
 * <p>
 * A right password forgets the pair's failures but not the address's: one account of an attacker's own, logged
 * into between guesses, must not reset the spraying count. An IPv6 address is counted by its /64. Only judged
 * failures count: a check the server was too busy to make counts nothing, so a burst of parallel guesses checked
 * before the first failure is stored gets past the count; the bounded hasher keeps that burst small. Keys are
 * SHA-256 hashes, so the store holds neither an e-mail (which may be a password typed in the wrong field) nor an
 * address in clear, and every key has one length. Knows nothing of HTTP: the client address is handed in.
 */
public final class PasswordBrake {
    public static final int MAX_PER_PAIR = 5;
    public static final int MAX_PER_ADDRESS = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final FailureCounts counts;
    private final Clock clock;

    public PasswordBrake(FailureCounts counts, Clock clock) {
        this.counts = counts;
        this.clock = clock;
    }

    /**
     * Refuses a password check for this e-mail from this address, before any hashing, while either count is full.
     * @throws TooManyLoginAttempts with the seconds until the check would be allowed again
     */
    public void check(String email, String clientAddress) {
        Instant now = clock.instant();
        long waitMillis = Math.max(waitMillis(pairKey(email, clientAddress), MAX_PER_PAIR, now),
                waitMillis(addressKey(clientAddress), MAX_PER_ADDRESS, now));
        if (waitMillis > 0) {
            throw new TooManyLoginAttempts((int) Math.ceilDiv(waitMillis, 1000));
        }
    }

    /** The password was wrong (or no user has the e-mail): one more failure of the pair and of the address. */
    public void failed(String email, String clientAddress) {
        Instant now = clock.instant();
        counts.add(pairKey(email, clientAddress), now, MAX_PER_PAIR);
        counts.add(addressKey(clientAddress), now, MAX_PER_ADDRESS);
    }

    /** The password was right: the pair's failures are forgotten, the address's kept. */
    public void succeeded(String email, String clientAddress) {
        counts.clear(pairKey(email, clientAddress));
    }

    /** Forgets what has left the window, in the store too: the background sweep. @return how many failures */
    public int sweep(Instant now) {
        return counts.deleteUpTo(now.minus(WINDOW));
    }

    /** 0 while the key has fewer than max failures in the window; else until the oldest of its newest max leaves it. */
    private long waitMillis(String key, int max, Instant now) {
        List<Instant> newest = counts.newest(key, now.minus(WINDOW), max);
        if (newest.size() < max) {
            return 0;
        }
        return Math.max(1, Duration.between(now, newest.getLast().plus(WINDOW)).toMillis());
    }

    private static String pairKey(String email, String clientAddress) {
        return "pair:" + sha256(addressOf(clientAddress) + " " + EmailAddresses.canonical(email));
    }

    private static String addressKey(String clientAddress) {
        return "address:" + sha256(TrustedProxies.network64(addressOf(clientAddress)));
    }

    /** A caller that no request named (a test's, an admin command's) counts as one address of its own. */
    private static String addressOf(String clientAddress) {
        return clientAddress == null ? "unknown" : clientAddress;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
