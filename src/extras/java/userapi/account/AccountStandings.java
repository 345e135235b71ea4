package userapi.account;

import userapi.model.User;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The standing of accounts, read for the response model: one user's in one read, a page's users' in one read (one
 * statement on the SQL stores, whatever the page's size). A store that cannot be reached throws StorageUnavailable.
 */
public interface AccountStandings {
    AccountStanding of(User user);

    /** By user id, for every user given that still exists. */
    Map<UUID, AccountStanding> ofAll(List<User> users);
}
