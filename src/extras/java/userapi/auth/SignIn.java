package userapi.auth;

import userapi.http.Handler;
import userapi.http.Request;
import userapi.http.Response;
import userapi.logging.LogContext;

import java.util.Optional;

/**
 * Sign-in as a handler decorator (FastAPI's {@code Depends(get_current_user)}): {@link #required} wraps a handler
 * that needs to know its caller, and runs it only for a request whose {@code Authorization: Bearer} token the
 * Authenticator turns into a Caller; otherwise it answers 401 AUTHENTICATION_REQUIRED and the handler never runs.
 * The caller's id (never the token) goes to the request's access line through LogContext; the caller carries the
 * request's client address down to the services, which know nothing of the request.
 */
public final class SignIn {
    /** The header the Router must copy for this decorator. */
    public static final String AUTHORIZATION = "Authorization";

    /** A handler that is told who is calling. */
    @FunctionalInterface
    public interface CallerHandler {
        Response handle(Request request, Caller caller);
    }

    /** The decorated handler, as it stands in the route table: OpenAPI reads from it that the route needs a token. */
    public record Required(CallerHandler handler, SignIn signIn) implements Handler {
        @Override
        public Response handle(Request request) {
            Caller caller = signIn.authenticate(request.header(AUTHORIZATION)).from(request.clientAddress());
            LogContext.setUser(caller.userId().toString());
            return handler.handle(request, caller);
        }
    }

    private final Authenticator authenticator;

    public SignIn(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public Handler required(CallerHandler handler) {
        return new Required(handler, this);
    }

    /**
     * RFC 6750, 2.1: exactly one {@code Authorization: Bearer <token>} (the scheme in any case). No header, or
     * another scheme, is "no token" (401 with a bare challenge); a Bearer token that the Authenticator does not
     * know, or a header sent twice (the Router joins the lines with ", "), is an invalid token. The token itself
     * never reaches a log or an answer.
     */
    Caller authenticate(Optional<String> authorization) {
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            throw new AuthenticationRequired(false);
        }
        String value = authorization.get().strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) {
            throw new AuthenticationRequired(false);
        }
        String token = space < 0 ? "" : value.substring(space + 1).strip();
        if (token.indexOf(',') >= 0) { // a header sent twice, joined by the Router: which token would count?
            throw new AuthenticationRequired(true);
        }
        return authenticator.authenticate(token).orElseThrow(() -> new AuthenticationRequired(true));
    }
}
