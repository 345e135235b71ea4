package userapi.directory;

import userapi.auth.AccessPolicy;
import userapi.auth.Caller;
import userapi.http.ModelReader;
import userapi.http.Request;
import userapi.http.Response;
import userapi.model.User;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The admin's GET /users: reads the query model, asks the UserList for the page, shapes the answer, and names the
 * next page in a Link header too (RFC 8288), the same URL with after= the next cursor.
 * <pre>curl -i -H "Authorization: Bearer $ADMIN" 'http://127.0.0.1:8080/users?q=ada&amp;sort=email&amp;limit=20'</pre>
 */
public final class UserListHandler {
    private final UserList list;
    private final ModelReader models;
    private final Function<List<User>, ? extends List<?>> pageModel;

    /** @param pageModel the response model of a page of users, made for the whole page at once */
    public UserListHandler(UserList list, ModelReader models, Function<List<User>, ? extends List<?>> pageModel) {
        this.list = list;
        this.models = models;
        this.pageModel = pageModel;
    }

    /** 200 {items, total, limit, offset, next}; 403 for anyone but an admin, before the query is read; 422 for a bad one. */
    public Response list(Request request, Caller caller) {
        AccessPolicy.requireAdmin(caller);
        UserListQuery query = models.readQuery(request, UserListQuery.class);
        UserDirectory.Filter filter = new UserDirectory.Filter(
                query.q() == null ? null : query.q().toLowerCase(Locale.ROOT), query.role(), query.disabled());
        UserList.Page page = list.page(filter, query.sort(), query.after(), query.offset(), query.limit());
        UserListPage<?> body = new UserListPage<>(pageModel.apply(page.items()), page.total(),
                query.limit(), query.offset() == null ? 0 : query.offset(), Optional.ofNullable(page.next()));
        return page.next() == null ? Response.ok(body)
                : Response.ok(body, Map.of("Link", "<" + nextUrl(query, page.next()) + ">; rel=\"next\""));
    }

    /** This list's own parameters, with after= the next page's cursor in place of offset and after. */
    private static String nextUrl(UserListQuery query, String next) {
        StringJoiner parameters = new StringJoiner("&", "/users?", "");
        if (query.q() != null) {
            parameters.add("q=" + URLEncoder.encode(query.q(), StandardCharsets.UTF_8));
        }
        if (query.role() != null) {
            parameters.add("role=" + query.role().label());
        }
        if (query.disabled() != null) {
            parameters.add("disabled=" + query.disabled());
        }
        parameters.add("sort=" + URLEncoder.encode(query.sort().label(), StandardCharsets.UTF_8));
        parameters.add("limit=" + query.limit());
        parameters.add("after=" + next);
        return parameters.toString();
    }
}
