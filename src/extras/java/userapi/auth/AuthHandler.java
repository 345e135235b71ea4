package userapi.auth;

import userapi.http.ModelReader;
import userapi.http.Request;
import userapi.http.Response;
import userapi.auth.LoginRequest;
import userapi.auth.TokenResponse;
import userapi.auth.AuthService;

import java.util.Map;

/**
 * The /auth resource (FastAPI's /login/access-token): read and validate the request model, call the service, shape
 * the response model. The token travels out once, in the login's body; nothing here logs it.
 */
public final class AuthHandler {
    private final AuthService service;
    private final ModelReader models;

    public AuthHandler(AuthService service, ModelReader models) {
        this.service = service;
        this.models = models;
    }

    /** curl -X POST localhost:8080/auth/login -H 'Content-Type: application/json' -d '{"email":"ada@example.com","password":"correct horse"}' */
    public Response login(Request request) {
        TokenResponse token = TokenResponse.bearer(service.login(models.read(request, LoginRequest.class),
                request.clientAddress()));
        return Response.ok(token, Map.of("Cache-Control", "no-store")); // RFC 6749, 5.1: no cache keeps a token
    }

    /** curl -X POST localhost:8080/auth/logout -H "Authorization: Bearer $TOKEN" */
    public Response logout(Request request, Caller caller) {
        service.logout(caller);
        return Response.noContent();
    }
}
