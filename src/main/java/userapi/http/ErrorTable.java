package userapi.http;

import userapi.error.CurrentPasswordIncorrect;
import userapi.error.DomainException;
import userapi.error.EmailAlreadyRegistered;
import userapi.error.EmailDomainNotAllowed;
import userapi.error.ExpectedException;
import userapi.error.Forbidden;
import userapi.error.InvalidCredentials;
import userapi.error.RejectedRequest;
import userapi.error.ServiceOverloaded;
import userapi.error.StaleVersion;
import userapi.error.StorageUnavailable;
import userapi.error.TooManyLoginAttempts;
import userapi.error.UserNotFound;
import userapi.error.ValidationFailed;

import java.util.Locale;

/**
 * The one table from exception to status, error code and title. The switches over the sealed exception types
 * have no default branch, so a new kind of expected failure does not compile until it has its row here.
 */
public final class ErrorTable {
    /**
     * How one kind of failure is answered: expected ones are logged at INFO, the rest at SEVERE with a trace;
     * retryAfterSeconds > 0 adds Retry-After (fixed per kind, or the exception's own, as for a login lockout);
     * closesConnection adds Connection: close (a body was left unread).
     */
    public record Entry(int status, String code, String title, boolean expected, int retryAfterSeconds,
                        boolean closesConnection) {
        public String type() {
            return "urn:userapi:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final Entry INTERNAL_ERROR = new Entry(500, "INTERNAL_ERROR", "Internal server error", false, 0, false);
    public static final Entry SERVICE_UNAVAILABLE =
            new Entry(503, "SERVICE_UNAVAILABLE", "Service unavailable", false, 5, false);

    private ErrorTable() {
    }

    public static Entry lookup(Throwable failure) {
        return switch (failure) {
            case ExpectedException expected -> expected(expected);
            case StorageUnavailable e -> SERVICE_UNAVAILABLE;
            default -> INTERNAL_ERROR; // a bug: 500, logged at SEVERE with its stack trace
        };
    }

    private static Entry expected(ExpectedException failure) {
        return switch (failure) {
            case RejectedRequest rejected -> {
                RejectedRequest.Reason reason = rejected.reason();
                yield new Entry(reason.status, reason.name(), reason.title, true, 0, reason.closesConnection);
            }
            case DomainException domain -> domain(domain);
        };
    }

    private static Entry domain(DomainException failure) {
        return switch (failure) {
            case UserNotFound e -> expected(404, "USER_NOT_FOUND", "User not found");
            case EmailAlreadyRegistered e -> expected(409, "EMAIL_ALREADY_REGISTERED", "E-mail already registered");
            case EmailDomainNotAllowed e -> expected(422, "EMAIL_DOMAIN_NOT_ALLOWED", "E-mail domain not allowed");
            case ValidationFailed e -> expected(422, "VALIDATION_FAILED", "Validation failed");
            case ServiceOverloaded e -> new Entry(503, "SERVICE_OVERLOADED", "Service overloaded", true, 1, false);
            case StaleVersion e -> expected(412, "PRECONDITION_FAILED", "Precondition failed");
            case InvalidCredentials e -> expected(401, "INVALID_CREDENTIALS", "Invalid credentials");
            case Forbidden e -> expected(403, "FORBIDDEN", "Forbidden");
            case CurrentPasswordIncorrect e -> expected(403, "CURRENT_PASSWORD_INCORRECT", "Current password incorrect");
            case TooManyLoginAttempts e -> // Retry-After is this instance's own: until its e-mail's window passes
                    new Entry(429, "TOO_MANY_LOGIN_ATTEMPTS", "Too many login attempts", true, e.retryAfterSeconds(), false);
        };
    }

    private static Entry expected(int status, String code, String title) {
        return new Entry(status, code, title, true, 0, false);
    }
}
