package userapi.auth;

import userapi.auth.StoredToken;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage of bearer tokens, by the SHA-256 of the secret (the secret itself is never stored). A token dies with
 * its user. Every method is one indexed operation, except the sweep of expired tokens, which runs in the
 * background. A store that cannot be reached throws StorageUnavailable, having changed nothing.
 */
public interface TokenRepository {

    void insert(StoredToken token);

    /** The token with this hash if it is still valid at {@code now} (an expired one is as good as gone). */
    Optional<StoredToken> findValid(String hash, Instant now);

    /** Logout: @return false if no token had this hash. */
    boolean delete(String hash);

    /** Revokes every token of the user except the one with keepHash (null: every one). @return how many */
    int deleteAllOf(UUID userId, String keepHash);

    /** Removes the tokens expired at {@code now}; the periodic sweep calls it. @return how many */
    int deleteExpired(Instant now);
}
