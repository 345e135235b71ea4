package userapi.auth;

import userapi.model.User;
import userapi.repository.UserRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * TokenOwners put together from the separate stores it reads one after the other: the token, its user, then the
 * account's standing. What the in-memory stores use, where each read costs a map lookup; the SQL stores read it all
 * in one statement instead (JdbcTokenOwners).
 */
public final class StoredTokenOwners implements TokenOwners {
    private final TokenRepository tokens;
    private final UserRepository users;
    private final Predicate<User> emailVerified;
    private final Predicate<UUID> disabled;

    /**
     * @param emailVerified whether the user's present address is the one they proved
     * @param disabled      whether an admin has disabled this user's account
     */
    public StoredTokenOwners(TokenRepository tokens, UserRepository users, Predicate<User> emailVerified,
                             Predicate<UUID> disabled) {
        this.tokens = tokens;
        this.users = users;
        this.emailVerified = emailVerified;
        this.disabled = disabled;
    }

    @Override
    public Optional<TokenOwner> find(String tokenHash, Instant now) {
        return tokens.findValid(tokenHash, now).flatMap(token -> users.findById(token.userId())
                .map(user -> new TokenOwner(token, user, emailVerified.test(user), disabled.test(user.id()))));
    }
}
