package userapi.account;

import userapi.auth.Caller;
import userapi.auth.TokenOwner;
import userapi.model.User;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Makes the production response model, {@link AccountResponse}, of users: the standing of each account read in one
 * go for one user or for a page of them; for the caller's own user as their token's read found it, nothing more.
 */
public final class AccountResponses {
    private final AccountStandings standings;

    public AccountResponses(AccountStandings standings) {
        this.standings = standings;
    }

    public AccountResponse of(User user) {
        AccountStanding standing = standings.of(user);
        return AccountResponse.of(user, standing.emailVerified(), standing.disabled());
    }

    /** In the page's order; one read of the standings for the whole page. */
    public List<AccountResponse> ofAll(List<User> users) {
        Map<UUID, AccountStanding> found = users.isEmpty() ? Map.of() : standings.ofAll(users);
        return users.stream().map(user -> {
            AccountStanding standing = found.getOrDefault(user.id(), new AccountStanding(false, false));
            return AccountResponse.of(user, standing.emailVerified(), standing.disabled());
        }).toList();
    }

    /**
     * The response model of one caller's request: their own user (as their token's read found it, or as their
     * change left it with the same address) is answered with the standing read with the token in this request; any
     * other user, or their own under a new address, is read.
     */
    public Function<User, AccountResponse> forCaller(Caller caller) {
        TokenOwner owner = caller.owner();
        if (owner == null) {
            return this::of;
        }
        return user -> user.id().equals(owner.user().id()) && user.email().equals(owner.user().email())
                ? AccountResponse.of(user, owner.emailVerified(), owner.disabled()) : of(user);
    }
}
