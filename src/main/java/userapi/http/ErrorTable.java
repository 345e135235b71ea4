package userapi.http;

import userapi.error.EmailAlreadyRegistered;
import userapi.error.EmailDomainNotAllowed;
import userapi.error.HeadersTooLarge;
import userapi.error.MalformedJson;
import userapi.error.MethodNotAllowed;
import userapi.error.PayloadTooLarge;
import userapi.error.RouteNotFound;
import userapi.error.ServiceOverloaded;
import userapi.error.StorageUnavailable;
import userapi.error.UnreadableBody;
import userapi.error.UnsupportedMediaType;
import userapi.error.UriTooLong;
import userapi.error.UserNotFound;
import userapi.error.ValidationFailed;

import java.util.Locale;

/** The one table from exception to status, error code and title: each status code is written here, once. */
public final class ErrorTable {
    /**
     * How one kind of failure is answered: expected ones are logged at INFO, the rest at SEVERE with a trace;
     * retryAfterSeconds > 0 adds Retry-After; closesConnection adds Connection: close (a body was left unread).
     */
    public record Entry(int status, String code, String title, boolean expected, int retryAfterSeconds,
                        boolean closesConnection) {
        public String type() {
            return "urn:userapi:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-');
        }

        Entry retryAfter(int seconds) {
            return new Entry(status, code, title, expected, seconds, closesConnection);
        }

        Entry closingConnection() {
            return new Entry(status, code, title, expected, retryAfterSeconds, true);
        }
    }

    public static final Entry INTERNAL_ERROR = unexpected(500, "INTERNAL_ERROR", "Internal server error");

    private ErrorTable() {
    }

    public static Entry lookup(Throwable failure) {
        return switch (failure) {
            case MalformedJson e -> expected(400, "MALFORMED_JSON", "Malformed JSON");
            case UnreadableBody e -> expected(400, "UNREADABLE_BODY", "Unreadable request body").closingConnection();
            case RouteNotFound e -> expected(404, "NOT_FOUND", "Not found");
            case UserNotFound e -> expected(404, "USER_NOT_FOUND", "User not found");
            case MethodNotAllowed e -> expected(405, "METHOD_NOT_ALLOWED", "Method not allowed");
            case EmailAlreadyRegistered e -> expected(409, "EMAIL_ALREADY_REGISTERED", "E-mail already registered");
            case PayloadTooLarge e -> expected(413, "PAYLOAD_TOO_LARGE", "Payload too large").closingConnection();
            case UriTooLong e -> expected(414, "URI_TOO_LONG", "URI too long");
            case UnsupportedMediaType e -> expected(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type");
            case EmailDomainNotAllowed e -> expected(422, "EMAIL_DOMAIN_NOT_ALLOWED", "E-mail domain not allowed");
            case ValidationFailed e -> expected(422, "VALIDATION_FAILED", "Validation failed");
            case HeadersTooLarge e -> expected(431, "REQUEST_HEADER_FIELDS_TOO_LARGE", "Request header fields too large");
            case ServiceOverloaded e -> expected(503, "SERVICE_OVERLOADED", "Service overloaded").retryAfter(1);
            case StorageUnavailable e -> unexpected(503, "SERVICE_UNAVAILABLE", "Service unavailable").retryAfter(5);
            default -> INTERNAL_ERROR;
        };
    }

    private static Entry expected(int status, String code, String title) {
        return new Entry(status, code, title, true, 0, false);
    }

    private static Entry unexpected(int status, String code, String title) {
        return new Entry(status, code, title, false, 0, false);
    }
}
