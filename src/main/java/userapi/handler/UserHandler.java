package userapi.handler;

import userapi.error.FieldError;
import userapi.error.UserNotFound;
import userapi.http.ModelReader;
import userapi.http.Request;
import userapi.http.Response;
import userapi.model.PageQuery;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserResponse;
import userapi.model.UserUpdateRequest;
import userapi.service.UserService;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The /users resource: read and validate the request model, call the service, shape the response model.
 * Nothing else happens here; errors travel as exceptions to the global ExceptionFilter.
 */
public final class UserHandler {
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final UserService service;
    private final ModelReader models;

    public UserHandler(UserService service, ModelReader models) {
        this.service = service;
        this.models = models;
    }

    /** curl -i -X POST localhost:8080/users -H 'Content-Type: application/json' -d '{"name":"Ada","email":"ada@example.com","password":"correct horse"}' */
    public Response create(Request request) {
        User user = service.create(models.read(request, UserCreateRequest.class));
        return Response.created("/users/" + user.id(), UserResponse.from(user));
    }

    /** curl localhost:8080/users/me -H "Authorization: Bearer $TOKEN" */
    public Response me(Request request) {
        return Response.ok(UserResponse.from(service.me(request.caller())));
    }

    /** curl localhost:8080/users/{id} -H "Authorization: Bearer $TOKEN" */
    public Response get(Request request) {
        return Response.ok(UserResponse.from(service.get(request.caller(), id(request))));
    }

    /** {@code curl 'localhost:8080/users?limit=20&offset=0' -H "Authorization: Bearer $TOKEN"} (admins only) */
    public Response list(Request request) {
        List<FieldError> errors = new ArrayList<>();
        int limit = intParam(request, "limit", PageQuery.DEFAULT_LIMIT, errors);
        int offset = intParam(request, "offset", 0, errors);
        PageQuery query = models.validate(new PageQuery(limit, offset), errors); // all bad parameters in one 422
        return Response.ok(service.list(request.caller(), query.limit(), query.offset()).map(UserResponse::from));
    }

    /**
     * curl -X PATCH localhost:8080/users/{id} -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json'
     * -d '{"password":"new horse battery","currentPassword":"correct horse"}'
     */
    public Response update(Request request) {
        UUID id = id(request);
        UserUpdateRequest changes = models.read(request, UserUpdateRequest.class);
        return Response.ok(UserResponse.from(service.update(request.caller(), id, changes)));
    }

    /** curl -X DELETE localhost:8080/users/{id} -H "Authorization: Bearer $TOKEN" */
    public Response delete(Request request) {
        service.delete(request.caller(), id(request));
        return Response.noContent();
    }

    /** An id that is not a UUID cannot name a user: 404, like any unknown id. */
    private static UUID id(Request request) {
        String raw = request.pathParam("id");
        if (!CANONICAL_UUID.matcher(raw).matches()) { // UUID.fromString alone takes "1-1-1-1-1" and "+f2b8c4e-..."
            throw new UserNotFound();
        }
        return UUID.fromString(raw);
    }

    private static int intParam(Request request, String name, int fallback, List<FieldError> errors) {
        String raw = request.queryParam(name).orElse(null);
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException notAnInteger) {
            errors.add(new FieldError(name, "must be an integer"));
            return fallback;
        }
    }
}
