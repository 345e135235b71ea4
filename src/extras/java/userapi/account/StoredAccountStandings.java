package userapi.account;

import userapi.model.User;
import userapi.repository.UserRepository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * AccountStandings put together from the stores that keep them, read one after the other for each user: what
 * the in-memory stores use, where a read is a map lookup (the SQL stores read a page's in one statement instead).
 */
public final class StoredAccountStandings implements AccountStandings {
    private final UserRepository users;
    private final AccountStore accounts;
    private final DisabledAccounts disabled;

    /** @param users whose users the standings are of: a user deleted meanwhile has none */
    public StoredAccountStandings(UserRepository users, AccountStore accounts, DisabledAccounts disabled) {
        this.users = users;
        this.accounts = accounts;
        this.disabled = disabled;
    }

    @Override
    public AccountStanding of(User user) {
        return new AccountStanding(accounts.isVerified(user.id(), user.email()), disabled.isDisabled(user.id()));
    }

    @Override
    public Map<UUID, AccountStanding> ofAll(List<User> users) {
        Map<UUID, AccountStanding> standings = new HashMap<>();
        for (User user : users) {
            if (this.users.findById(user.id()).isPresent()) { // as the SQL stores, which join the users table
                standings.put(user.id(), of(user));
            }
        }
        return standings;
    }
}
