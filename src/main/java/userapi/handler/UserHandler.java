package userapi.handler;

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

    /** curl localhost:8080/users/{id} */
    public Response get(Request request) {
        return Response.ok(UserResponse.from(service.get(id(request))));
    }

    /** {@code curl 'localhost:8080/users?limit=20&offset=0'} */
    public Response list(Request request) {
        PageQuery query = models.readQuery(request, PageQuery.class);
        return Response.ok(service.list(query.limit(), query.offset()).map(UserResponse::from));
    }

    /** curl -X PATCH localhost:8080/users/{id} -H 'Content-Type: application/json' -d '{"name":"Ada L."}' */
    public Response update(Request request) {
        UUID id = id(request);
        return Response.ok(UserResponse.from(service.update(id, models.read(request, UserUpdateRequest.class))));
    }

    /** curl -X DELETE localhost:8080/users/{id} */
    public Response delete(Request request) {
        service.delete(id(request));
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
}
