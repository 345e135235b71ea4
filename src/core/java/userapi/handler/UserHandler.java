package userapi.handler;

import userapi.exception.UserNotFound;
import userapi.http.EntityTags;
import userapi.http.ModelReader;
import userapi.http.Request;
import userapi.http.Response;
import userapi.model.PageQuery;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserResponse;
import userapi.model.UserUpdateRequest;
import userapi.service.UserService;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The /users resource: read and validate the request model, call the service, shape the response model.
 * Nothing else happens here; errors travel as exceptions to the global handler, http/EdgeFilter.
 * Conditional requests (RFC 9110): GET sends the user's version as its ETag and answers 304 to a matching
 * If-None-Match; PATCH and DELETE turn If-Match into the version the service must find, or 412.
 * The response model is UserResponse unless the constructor is given another (FastAPI's response_model=): a seam
 * through which the production server shows more of an account than the lecture's user has.
 */
public final class UserHandler {
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final UserService service;
    private final ModelReader models;
    private final Function<User, ?> responseModel;

    public UserHandler(UserService service, ModelReader models) {
        this(service, models, UserResponse::from);
    }

    /** @param responseModel what a client sees of a user: never the password hash */
    public UserHandler(UserService service, ModelReader models, Function<User, ?> responseModel) {
        this.service = service;
        this.models = models;
        this.responseModel = responseModel;
    }

    /** curl -i -X POST localhost:8080/users -H 'Content-Type: application/json' -d '{"name":"Ada","email":"ada@example.com","password":"correct horse"}' */
    public Response create(Request request) {
        User user = service.create(models.read(request, UserCreateRequest.class));
        return Response.created("/users/" + user.id(), responseModel.apply(user));
    }

    /** curl -i localhost:8080/users/{id} -H 'If-None-Match: "1"' */
    public Response get(Request request) {
        return withTag(request, service.get(id(request)));
    }

    /** The user with its ETag, or 304 when the client's If-None-Match already names this version. */
    private Response withTag(Request request, User user) {
        Map<String, String> etag = Map.of("ETag", EntityTags.of(user.version()));
        boolean current = request.header("If-None-Match")
                .map(header -> EntityTags.parse(header, true).matches(user.version())).orElse(false);
        return current ? Response.notModified(etag) : Response.ok(responseModel.apply(user), etag);
    }

    /** {@code curl 'localhost:8080/users?limit=20&offset=0'} */
    public Response list(Request request) {
        PageQuery query = models.readQuery(request, PageQuery.class);
        return Response.ok(service.list(query.limit(), query.offset()).map(responseModel::apply));
    }

    /**
     * curl -X PATCH localhost:8080/users/{id} -H 'If-Match: "1"'
     * -H 'Content-Type: application/json' -d '{"name":"Ada Lovelace"}'
     */
    public Response update(Request request) {
        UUID id = id(request);
        UserUpdateRequest changes = models.read(request, UserUpdateRequest.class);
        User updated = service.update(id, changes, expectedVersion(request, id));
        return Response.ok(responseModel.apply(updated), Map.of("ETag", EntityTags.of(updated.version())));
    }

    /** curl -X DELETE localhost:8080/users/{id} -H 'If-Match: "2"' */
    public Response delete(Request request) {
        UUID id = id(request);
        service.delete(id, expectedVersion(request, id));
        return Response.noContent();
    }

    /**
     * If-Match as the version the service must find: none without the header or with "*" (then only the user's
     * existence counts); -1, which no user has, when no tag is one we could have sent. A list of several tags
     * holds if the current version is among them; that version is then required, so the write stays atomic.
     */
    private OptionalLong expectedVersion(Request request, UUID id) {
        Optional<String> header = request.header("If-Match");
        if (header.isEmpty()) {
            return OptionalLong.empty();
        }
        EntityTags.Condition condition = EntityTags.parse(header.get(), false);
        if (condition.any()) {
            return OptionalLong.empty();
        }
        if (condition.versions().size() == 1) {
            return OptionalLong.of(condition.versions().iterator().next());
        }
        long current = condition.versions().isEmpty() ? -1 : service.get(id).version();
        return OptionalLong.of(condition.matches(current) ? current : -1);
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
