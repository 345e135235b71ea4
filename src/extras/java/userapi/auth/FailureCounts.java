package userapi.auth;

import java.time.Instant;
import java.util.List;

/**
 * The port where the password brake keeps its failures: timestamps under opaque keys (fixed-length hashes, never an
 * e-mail or an address in clear). In memory for one process; in the database where several instances must see the
 * same counts. Every method is safe to call from many requests at once.
 */
public interface FailureCounts {
    /** One more failure of this key at this moment; the store may forget all but the newest {@code keep} of the key. */
    void add(String key, Instant at, int keep);

    /** The key's failures after {@code since}, newest first, at most {@code limit} of them. */
    List<Instant> newest(String key, Instant since, int limit);

    /** Forgets every failure of the key. */
    void clear(String key);

    /** Forgets every failure at or before this moment (the background sweep). @return how many, as far as known */
    int deleteUpTo(Instant before);
}
