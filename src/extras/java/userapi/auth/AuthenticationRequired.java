package userapi.auth;

import userapi.exception.ExpectedException;

import java.util.Map;

/**
 * Expected, 401 AUTHENTICATION_REQUIRED, INFO: a signed-in route without a usable bearer token. tokenRefused: one
 * was sent but is malformed, unknown, expired or revoked (RFC 6750's invalid_token), as opposed to none at all.
 */
public final class AuthenticationRequired extends ExpectedException {
    private final boolean tokenRefused;

    public AuthenticationRequired(boolean tokenRefused) {
        super(AuthError.AUTHENTICATION_REQUIRED, tokenRefused
                ? "The bearer token is not valid: it is malformed, unknown, expired or revoked. Log in again."
                : "This route needs a bearer token: log in at POST /auth/login and send Authorization: Bearer <token>.");
        this.tokenRefused = tokenRefused;
    }

    public boolean tokenRefused() {
        return tokenRefused;
    }

    /** RFC 6750, 3: no error code when no token was sent; invalid_token when the one sent was refused. */
    @Override
    public Map<String, String> headers() {
        return Map.of("WWW-Authenticate", tokenRefused ? "Bearer error=\"invalid_token\"" : "Bearer");
    }
}
