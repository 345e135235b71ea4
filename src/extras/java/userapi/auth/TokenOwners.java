package userapi.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * Every signed-in request's lookup: a token's hash -> its owner and the standing of their account, read in one go
 * (one statement on the SQL stores). Nothing is remembered between calls but what a read cache proves current, so a
 * logout, a demotion, a disable or a deletion is seen by the very next request. A store that cannot be reached
 * throws StorageUnavailable.
 */
@FunctionalInterface
public interface TokenOwners {
    /** The owner of the token with this hash, if the token is still valid at {@code now} and its user exists. */
    Optional<TokenOwner> find(String tokenHash, Instant now);
}
