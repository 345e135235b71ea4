package userapi.auth;

import userapi.auth.StoredToken;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage of bearer tokens, by the SHA-256 of the secret (the secret itself is never stored). A token dies with
 * its user. Every method is one indexed operation (deleteOf: a read of the user's tokens, then one delete by
 * hash), except the sweep of expired tokens, which runs in the background. A store that cannot be reached throws StorageUnavailable, having changed nothing.
 */
public interface TokenRepository {

    void insert(StoredToken token);

    /** The token with this hash if it is still valid at {@code now} (an expired one is as good as gone). */
    Optional<StoredToken> findValid(String hash, Instant now);

    /** Logout: @return false if no token had this hash. */
    boolean delete(String hash);

    /** Revokes every token of the user except the one with keepHash (null: every one). @return how many */
    int deleteAllOf(UUID userId, String keepHash);

    /**
     * Revokes the user's tokens beyond the newest {@code keep} still valid at {@code now}: the one with keepHash (a
     * login's new token) is always kept and counts among them; expired ones go too. Newest is
     * {@link StoredToken#NEWEST_FIRST}'s order. One statement on the SQL stores: logins of one user in parallel,
     * each calling this after its insert, leave at most {@code keep}. @return how many
     */
    int deleteAllButNewestOf(UUID userId, String keepHash, int keep, Instant now);

    /**
     * The user's tokens still valid at {@code now}, newest first (tokens made in the same second: by hash), for the
     * list of sessions. One indexed read of the user's tokens.
     */
    List<StoredToken> findValidOf(UUID userId, Instant now);

    /**
     * Revokes the token of this user whose session handle ({@link Tokens#handle}) this is, if it is still valid at
     * {@code now}. @return false if the user has no such valid token (another user's handle is not theirs)
     */
    boolean deleteOf(UUID userId, String handle, Instant now);

    /** Removes the tokens expired at {@code now}; the periodic sweep calls it. @return how many */
    int deleteExpired(Instant now);
}
