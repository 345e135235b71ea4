package userapi.openapi;

import userapi.error.CurrentPasswordIncorrect;
import userapi.error.DomainException;
import userapi.error.EmailAlreadyRegistered;
import userapi.error.EmailDomainNotAllowed;
import userapi.error.Forbidden;
import userapi.error.InvalidCredentials;
import userapi.error.RejectedRequest;
import userapi.error.ServiceOverloaded;
import userapi.error.StaleVersion;
import userapi.error.StorageUnavailable;
import userapi.error.TooManyLoginAttempts;
import userapi.error.UserNotFound;
import userapi.error.ValidationFailed;
import userapi.http.ErrorTable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every answer of http/ErrorTable by its code, found by asking the table itself about one failure of each kind,
 * so the document's statuses and titles are the ones the server sends. ErrorCatalogTest fails when a kind of
 * DomainException has no sample here.
 */
final class ErrorCatalog {
    /** One failure of each DomainException kind (the permits clause), plus the unexpected ones. */
    static final List<Throwable> SAMPLES = List.of(new UserNotFound(), new EmailAlreadyRegistered(),
            new EmailDomainNotAllowed("example.org"), new ValidationFailed("field", "message"), new ServiceOverloaded(),
            new InvalidCredentials(), new Forbidden(), new CurrentPasswordIncorrect(), new TooManyLoginAttempts(1),
            new StaleVersion(new java.util.UUID(0, 0)),
            new StorageUnavailable(new IOException("sample")), new IllegalStateException("any bug"));

    private ErrorCatalog() {
    }

    /** Code -> entry, for every code the server can answer. */
    static Map<String, ErrorTable.Entry> all() {
        List<Throwable> failures = new ArrayList<>(SAMPLES);
        for (RejectedRequest.Reason reason : RejectedRequest.Reason.values()) {
            failures.add(new RejectedRequest(reason, "sample"));
        }
        Map<String, ErrorTable.Entry> byCode = new LinkedHashMap<>();
        for (Throwable failure : failures) {
            ErrorTable.Entry entry = ErrorTable.lookup(failure);
            byCode.put(entry.code(), entry);
        }
        return Map.copyOf(byCode);
    }

    /** The DomainException kinds that have a sample, for the test that every kind has one. */
    static List<Class<?>> sampledDomainKinds() {
        return SAMPLES.stream().filter(DomainException.class::isInstance).<Class<?>>map(Object::getClass).toList();
    }
}
