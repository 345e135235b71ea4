package userapi.auth;

import userapi.http.Request;
import userapi.http.Response;

import java.util.Map;

/**
 * The /auth/sessions resource and "log out everywhere": every route signed in, the caller's own sessions only.
 * Shapes the response models; the rules are in {@link Sessions}.
 */
public final class SessionHandler {
    /** The path parameter of DELETE /auth/sessions/{sessionId}: a handle, not a user's UUID. */
    public static final String SESSION_ID = "sessionId";

    private final Sessions sessions;

    public SessionHandler(Sessions sessions) {
        this.sessions = sessions;
    }

    /** curl localhost:8080/auth/sessions -H "Authorization: Bearer $TOKEN" */
    public Response list(Request request, Caller caller) {
        return Response.ok(new SessionList(sessions.list(caller)), Map.of("Cache-Control", "no-store"));
    }

    /** curl -X DELETE localhost:8080/auth/sessions/$SESSION_ID -H "Authorization: Bearer $TOKEN" */
    public Response revoke(Request request, Caller caller) {
        sessions.revoke(caller, request.pathParam(SESSION_ID));
        return Response.noContent();
    }

    /** curl -X POST localhost:8080/auth/logout-all -H "Authorization: Bearer $TOKEN" */
    public Response logoutAll(Request request, Caller caller) {
        sessions.logoutAll(caller);
        return Response.noContent();
    }
}
