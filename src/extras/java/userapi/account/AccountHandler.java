package userapi.account;

import userapi.auth.Caller;
import userapi.http.ModelReader;
import userapi.http.Request;
import userapi.http.Response;

import java.util.Map;

/**
 * The routes of account recovery: read and validate the request model, call the service, answer. A request for a
 * reset gets the same empty 202 whether or not the address has an account.
 */
public final class AccountHandler {
    private static final Response ACCEPTED = new Response(202, null, Map.of());

    private final AccountService service;
    private final ModelReader models;

    public AccountHandler(AccountService service, ModelReader models) {
        this.service = service;
        this.models = models;
    }

    /** curl -i -X POST localhost:8080/auth/password-reset -H 'Content-Type: application/json' -d '{"email":"ada@example.com"}' */
    public Response requestPasswordReset(Request request) {
        service.requestPasswordReset(models.read(request, PasswordResetRequest.class).email());
        return ACCEPTED;
    }

    /** curl -i -X POST localhost:8080/auth/password-reset/confirm -H 'Content-Type: application/json' -d '{"token":"...","newPassword":"new horse battery"}' */
    public Response confirmPasswordReset(Request request) {
        PasswordResetConfirmation confirmation = models.read(request, PasswordResetConfirmation.class);
        service.resetPassword(confirmation.token(), confirmation.newPassword());
        return Response.noContent();
    }

    /** curl -i -X POST localhost:8080/auth/verify-email -H 'Content-Type: application/json' -d '{"token":"..."}' */
    public Response verifyEmail(Request request) {
        service.verifyEmail(models.read(request, EmailVerificationRequest.class).token());
        return Response.noContent();
    }

    /** curl -i -X POST localhost:8080/auth/verify-email/resend -H "Authorization: Bearer $TOKEN" */
    public Response resendVerification(Request request, Caller caller) {
        service.resendVerification(caller.userId());
        return ACCEPTED;
    }
}
