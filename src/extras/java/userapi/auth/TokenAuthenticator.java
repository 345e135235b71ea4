package userapi.auth;

import java.time.Clock;
import java.util.Optional;

/**
 * The Authenticator of bearer tokens: a well-formed token whose hash the store knows, still valid, of a user who
 * exists and is not disabled, proves its caller; the caller carries what that one read found (their user and the
 * account's standing), so a request about themselves reads nothing more. Disabling revokes a user's tokens and a
 * login refuses a disabled user, but a login that passed its check just before the disable committed may store its
 * token just after the revocation: the standing read with every token closes that gap. Knows nothing of HTTP.
 */
public final class TokenAuthenticator implements Authenticator {
    private final TokenOwners owners;
    private final Clock clock;

    public TokenAuthenticator(TokenOwners owners, Clock clock) {
        this.owners = owners;
        this.clock = clock;
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        if (!Tokens.wellFormed(bearerToken)) {
            return Optional.empty();
        }
        String hash = Tokens.hash(bearerToken);
        return owners.find(hash, clock.instant()).filter(owner -> !owner.disabled()).map(Caller::of);
    }
}
