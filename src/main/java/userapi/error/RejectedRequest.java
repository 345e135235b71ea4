package userapi.error;

import java.util.List;

/**
 * An expected failure of the HTTP protocol itself, thrown by the plumbing (Router, body reading, limits) before
 * any business rule runs: one exception whose {@link Reason} carries the status (Javalin's HttpResponseException).
 * Logged at INFO in the access line, like every ExpectedException.
 */
public final class RejectedRequest extends ExpectedException {
    /** Each reason's status and title; closesConnection when the body was left unread and the socket can't be reused. */
    public enum Reason {
        MALFORMED_JSON(400, "Malformed JSON", false),
        UNREADABLE_BODY(400, "Unreadable request body", true),
        AUTHENTICATION_REQUIRED(401, "Authentication required", false),
        NOT_FOUND(404, "Not found", false),
        METHOD_NOT_ALLOWED(405, "Method not allowed", false),
        PAYLOAD_TOO_LARGE(413, "Payload too large", true),
        URI_TOO_LONG(414, "URI too long", false),
        UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", false),
        REQUEST_HEADER_FIELDS_TOO_LARGE(431, "Request header fields too large", false);

        public final int status;
        public final String title;
        public final boolean closesConnection;

        Reason(int status, String title, boolean closesConnection) {
            this.status = status;
            this.title = title;
            this.closesConnection = closesConnection;
        }
    }

    private final Reason reason;
    private final List<String> allowedMethods;
    private final boolean tokenRefused;

    private RejectedRequest(Reason reason, String detail, List<String> allowedMethods, boolean tokenRefused) {
        super(detail);
        this.reason = reason;
        this.allowedMethods = List.copyOf(allowedMethods);
        this.tokenRefused = tokenRefused;
    }

    public RejectedRequest(Reason reason, String detail) {
        this(reason, detail, List.of(), false);
    }

    /**
     * A protected route without a usable bearer token. tokenRefused: one was sent but is malformed, unknown,
     * expired or revoked (RFC 6750's invalid_token), as opposed to none sent at all.
     */
    public static RejectedRequest authenticationRequired(boolean tokenRefused) {
        return new RejectedRequest(Reason.AUTHENTICATION_REQUIRED, tokenRefused
                ? "The bearer token is not valid: it is malformed, unknown, expired or revoked. Log in again."
                : "This route needs a bearer token: log in at POST /auth/login and send Authorization: Bearer <token>.",
                List.of(), tokenRefused);
    }

    /** The path exists but not for this method; the methods it has become the Allow header. */
    public static RejectedRequest methodNotAllowed(List<String> allowed) {
        return new RejectedRequest(Reason.METHOD_NOT_ALLOWED,
                "This method is not allowed here. Allowed: " + String.join(", ", allowed) + ".", allowed, false);
    }

    public static RejectedRequest notFound() {
        return new RejectedRequest(Reason.NOT_FOUND, "No resource matches this path.");
    }

    public static RejectedRequest malformedJson(String detail) {
        return new RejectedRequest(Reason.MALFORMED_JSON, detail);
    }

    public Reason reason() {
        return reason;
    }

    /** For METHOD_NOT_ALLOWED: the methods the path does have; empty otherwise. */
    public List<String> allowedMethods() {
        return allowedMethods;
    }

    /** For AUTHENTICATION_REQUIRED: true if a bearer token was sent and refused; false otherwise. */
    public boolean tokenRefused() {
        return tokenRefused;
    }
}
