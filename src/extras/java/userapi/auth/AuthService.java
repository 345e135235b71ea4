package userapi.auth;

import userapi.auth.InvalidCredentials;
import userapi.limits.ServiceOverloaded;
import userapi.auth.TooManyLoginAttempts;
import userapi.auth.Caller;
import userapi.auth.IssuedToken;
import userapi.auth.LoginRequest;

/** What the auth handler may ask of the service layer (DefaultAuthService holds the rules). No HTTP here. */
public interface AuthService {
    /**
     * A new bearer token for the user whose e-mail and password these are, tried from this client address (what the
     * password brake counts a failure against). @throws InvalidCredentials, TooManyLoginAttempts, ServiceOverloaded
     */
    IssuedToken login(LoginRequest request, String clientAddress);

    /** The caller's token is dead from now on, on every instance sharing the store. */
    void logout(Caller caller);
}
