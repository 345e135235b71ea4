package userapi.auth;

import userapi.exception.ValidationFailed;
import userapi.handler.UserHandler;
import userapi.http.ModelReader;
import userapi.http.Request;
import userapi.http.Response;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * DELETE /users/{id} as the production route runs it: a caller deleting their own account sends
 * {@code {"currentPassword": ...}} in the body, read here as a DeleteAccountRequest (422 naming currentPassword when
 * there is no body or no such field) and handed to the user service as that caller sees it; an admin deleting
 * someone else sends no body, and none is read. Then the core's UserHandler deletes, unchanged. SignedInUsers checks
 * the password (and refuses a self-deletion without one), so this handler only decides whether to read a body.
 */
public final class AccountDeletion {
    private final Function<Caller, UserHandler> asCaller;
    private final BiFunction<Caller, String, UserHandler> withCurrentPassword;
    private final ModelReader models;

    /**
     * @param asCaller the core's handler over the user service as the caller sees it
     * @param withCurrentPassword the same, with the current password the body gave
     */
    public AccountDeletion(Function<Caller, UserHandler> asCaller, BiFunction<Caller, String, UserHandler> withCurrentPassword,
                           ModelReader models) {
        this.asCaller = asCaller;
        this.withCurrentPassword = withCurrentPassword;
        this.models = models;
    }

    /**
     * curl -X DELETE localhost:8080/users/$ID -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json'
     * -d '{"currentPassword":"correct horse"}'
     */
    public Response delete(Request request, Caller caller) {
        if (!request.pathParam("id").equalsIgnoreCase(caller.userId().toString())) {
            return asCaller.apply(caller).delete(request);
        }
        if (request.body().length == 0) {
            throw new ValidationFailed("currentPassword", "is required to delete your own account");
        }
        DeleteAccountRequest body = models.read(request, DeleteAccountRequest.class);
        return withCurrentPassword.apply(caller, body.currentPassword()).delete(request);
    }
}
