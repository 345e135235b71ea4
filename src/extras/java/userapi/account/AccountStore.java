package userapi.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage of what account recovery needs beside the users: the one-time tokens sent by mail (by the SHA-256 of
 * the secret), and which address of each user has been proved to be theirs. A user's tokens and proof die with the
 * user. A store that cannot be reached throws StorageUnavailable, having changed nothing.
 */
public interface AccountStore {
    /** How far back {@link #issue}'s limit counts, and how long a used or expired token is kept for it. */
    Duration BRAKE_WINDOW = Duration.ofHours(1);

    /**
     * In one transaction: unless the user already got maxPerWindow tokens of this purpose in the
     * {@link #BRAKE_WINDOW} before token.createdAt(), every unused token of that user and purpose is ended, this one
     * stored, and the mail queued in this store's outbox ({@link MailOutbox}). Two calls at once for one user are
     * serialised, so the limit holds under concurrency.
     *
     * @return false, having stored and queued nothing, when the limit is reached or the user no longer exists
     */
    boolean issue(OneTimeToken token, Mail mail, int maxPerWindow);

    /** The token with this hash and purpose if it is unused and unexpired at now; nothing changes. */
    Optional<OneTimeToken> findValid(String hash, OneTimeToken.Purpose purpose, Instant now);

    /**
     * Uses the token up, atomically: of two calls with one token, one gets it.
     * @return the token, if it was unused and unexpired at now; empty otherwise
     */
    Optional<OneTimeToken> use(String hash, OneTimeToken.Purpose purpose, Instant now);

    /** Records that this address is the user's: the user's address is verified while it stays this one. */
    void markVerified(UUID userId, String email);

    /** Whether this address of this user has been verified (false for any other address the user had or will have). */
    boolean isVerified(UUID userId, String email);

    /**
     * Removes the tokens that can no longer be used nor count towards a limit: expired, or used, and made more
     * than {@link #BRAKE_WINDOW} before now. The periodic sweep calls it. @return how many
     */
    int deleteSpent(Instant now);
}
