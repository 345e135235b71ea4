package userapi.service;

import userapi.error.InvalidCredentials;
import userapi.error.ServiceOverloaded;
import userapi.error.TooManyLoginAttempts;
import userapi.model.Caller;
import userapi.model.IssuedToken;
import userapi.model.LoginRequest;

/** What the auth handler may ask of the service layer (DefaultAuthService holds the rules). No HTTP here. */
public interface AuthService {
    /** A new bearer token for the user whose e-mail and password these are. @throws InvalidCredentials, TooManyLoginAttempts, ServiceOverloaded */
    IssuedToken login(LoginRequest request);

    /** The caller's token is dead from now on, on every instance sharing the store. */
    void logout(Caller caller);
}
