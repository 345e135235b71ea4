package userapi.auth;

import userapi.auth.Caller;

import java.util.Optional;

/**
 * What the plumbing asks the service layer to authenticate a request: the bearer token as sent -> who is calling,
 * or empty for a token that is malformed, unknown, expired or revoked (the Router then answers 401).
 */
@FunctionalInterface
public interface Authenticator {
    Optional<Caller> authenticate(String bearerToken);
}
