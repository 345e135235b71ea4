package userapi.exception;

import java.util.List;
import java.util.Map;

/**
 * An expected failure of the HTTP protocol itself, thrown by the plumbing (Router, body reading) before any
 * business rule runs: one exception whose {@link Reason} carries the status (Javalin's HttpResponseException).
 * Logged at INFO in the access line, like every ExpectedException.
 */
public final class RejectedRequest extends ExpectedException {
    /** Each reason's status and title; closesConnection when the body was left unread and the socket can't be reused. */
    public enum Reason implements ErrorCode {
        MALFORMED_JSON(400, "Malformed JSON", false),
        UNREADABLE_BODY(400, "Unreadable request body", true),
        NOT_FOUND(404, "Not found", false),
        METHOD_NOT_ALLOWED(405, "Method not allowed", false),
        REQUEST_TIMEOUT(408, "Request timeout", true), // the body did not arrive in time; the JDK has closed the socket
        PAYLOAD_TOO_LARGE(413, "Payload too large", true),
        URI_TOO_LONG(414, "URI too long", false),
        UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", false),
        REQUEST_HEADER_FIELDS_TOO_LARGE(431, "Request header fields too large", false);

        private final int status;
        private final String title;
        private final boolean closesConnection;

        Reason(int status, String title, boolean closesConnection) {
            this.status = status;
            this.title = title;
            this.closesConnection = closesConnection;
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public boolean closesConnection() {
            return closesConnection;
        }
    }

    private final List<String> allowedMethods;

    private RejectedRequest(Reason reason, String detail, List<String> allowedMethods) {
        super(reason, detail);
        this.allowedMethods = List.copyOf(allowedMethods);
    }

    public RejectedRequest(Reason reason, String detail) {
        this(reason, detail, List.of());
    }

    /** The path exists but not for this method; the methods it has become the Allow header. */
    public static RejectedRequest methodNotAllowed(List<String> allowed) {
        return new RejectedRequest(Reason.METHOD_NOT_ALLOWED,
                "This method is not allowed here. Allowed: " + String.join(", ", allowed) + ".", allowed);
    }

    public static RejectedRequest notFound() {
        return new RejectedRequest(Reason.NOT_FOUND, "No resource matches this path.");
    }

    public static RejectedRequest malformedJson(String detail) {
        return new RejectedRequest(Reason.MALFORMED_JSON, detail);
    }

    public Reason reason() {
        return (Reason) code();
    }

    /** For METHOD_NOT_ALLOWED: the methods the path does have; empty otherwise. */
    public List<String> allowedMethods() {
        return allowedMethods;
    }

    @Override
    public Map<String, String> headers() {
        return allowedMethods.isEmpty() ? Map.of() : Map.of("Allow", String.join(", ", allowedMethods));
    }
}
