package userapi.account;

import java.time.Instant;
import java.util.UUID;

/**
 * Storage of which accounts an admin has disabled, beside the users (the core's users know nothing of it); a
 * user's mark dies with the user. It also makes the two changes that could leave no admin who is not disabled,
 * disabling an admin and demoting one, each in one step under one lock shared by both, so of two such changes at
 * once (two admins disabling each other) the second sees the first. A store that cannot be reached throws
 * StorageUnavailable, having changed nothing.
 */
public interface DisabledAccounts {
    /** What a change came to. */
    enum Outcome {
        CHANGED,
        /** It was so already: nothing changed. */
        UNCHANGED,
        /** It would leave no admin who is not disabled: nothing changed. */
        LAST_ADMIN,
        NO_SUCH_USER
    }

    /** Marks the user disabled since {@code at}, unless they are the last admin who is not disabled. */
    Outcome disable(UUID userId, Instant at);

    /** Removes the mark; enabling never breaks the last-admin rule. */
    Outcome enable(UUID userId);

    boolean isDisabled(UUID userId);

    /** Makes an admin a user, unless they are the last admin who is not disabled (the admin command's demote). */
    Outcome demote(UUID userId);
}
