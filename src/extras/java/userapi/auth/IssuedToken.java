package userapi.auth;

import java.time.Instant;

/** A token just issued by a login: the secret itself (given to the client once, never stored) and its expiry. */
public record IssuedToken(String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedToken[expiresAt=" + expiresAt + "]";
    }
}
