package userapi.http;

import userapi.error.EmailAlreadyRegistered;
import userapi.error.EmailDomainNotAllowed;
import userapi.error.MalformedJson;
import userapi.error.MethodNotAllowed;
import userapi.error.PayloadTooLarge;
import userapi.error.RouteNotFound;
import userapi.error.StorageUnavailable;
import userapi.error.UnsupportedMediaType;
import userapi.error.UserNotFound;
import userapi.error.ValidationFailed;

/** The one table from exception to status, error code and title: each status code is written here, once. */
public final class ErrorTable {
    public record Entry(int status, String code, String title) {
        public String type() {
            return "urn:userapi:problem:" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public boolean expected() {
            return status < 500;
        }
    }

    public static final Entry INTERNAL_ERROR = new Entry(500, "INTERNAL_ERROR", "Internal server error");

    private ErrorTable() {
    }

    public static Entry lookup(Throwable failure) {
        return switch (failure) {
            case MalformedJson e -> new Entry(400, "MALFORMED_JSON", "Malformed JSON");
            case RouteNotFound e -> new Entry(404, "NOT_FOUND", "Not found");
            case UserNotFound e -> new Entry(404, "USER_NOT_FOUND", "User not found");
            case MethodNotAllowed e -> new Entry(405, "METHOD_NOT_ALLOWED", "Method not allowed");
            case EmailAlreadyRegistered e -> new Entry(409, "EMAIL_ALREADY_REGISTERED", "E-mail already registered");
            case PayloadTooLarge e -> new Entry(413, "PAYLOAD_TOO_LARGE", "Payload too large");
            case UnsupportedMediaType e -> new Entry(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type");
            case EmailDomainNotAllowed e -> new Entry(422, "EMAIL_DOMAIN_NOT_ALLOWED", "E-mail domain not allowed");
            case ValidationFailed e -> new Entry(422, "VALIDATION_FAILED", "Validation failed");
            case StorageUnavailable e -> new Entry(503, "SERVICE_UNAVAILABLE", "Service unavailable");
            default -> INTERNAL_ERROR;
        };
    }
}
