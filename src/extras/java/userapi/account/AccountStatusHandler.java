package userapi.account;

import userapi.auth.Caller;
import userapi.exception.UserNotFound;
import userapi.http.Request;
import userapi.http.Response;
import userapi.model.User;

import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * POST /users/{id}/disable and /enable (admins): read the id, call the service, answer the user in the production
 * response model, which shows {@code disabled}.
 */
public final class AccountStatusHandler {
    /** The canonical form only, as the core's UserHandler reads an id: UUID.fromString alone takes "1-1-1-1-1". */
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final AccountStatusService service;
    private final Function<User, ?> responseModel;

    public AccountStatusHandler(AccountStatusService service, Function<User, ?> responseModel) {
        this.service = service;
        this.responseModel = responseModel;
    }

    /** curl -X POST localhost:8080/users/{id}/disable -H "Authorization: Bearer $ADMIN_TOKEN" */
    public Response disable(Request request, Caller caller) {
        return Response.ok(responseModel.apply(service.disable(caller, id(request))));
    }

    /** curl -X POST localhost:8080/users/{id}/enable -H "Authorization: Bearer $ADMIN_TOKEN" */
    public Response enable(Request request, Caller caller) {
        return Response.ok(responseModel.apply(service.enable(caller, id(request))));
    }

    /** An id that is not a UUID cannot name a user: 404, like any unknown id. */
    private static UUID id(Request request) {
        String raw = request.pathParam("id");
        if (!CANONICAL_UUID.matcher(raw).matches()) {
            throw new UserNotFound();
        }
        return UUID.fromString(raw);
    }
}
