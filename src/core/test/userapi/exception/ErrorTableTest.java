package userapi.exception;

import userapi.exception.RejectedRequest;
import userapi.exception.RejectedRequest.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import userapi.exception.EmailAlreadyRegistered;
import userapi.exception.EmailDomainNotAllowed;
import userapi.limits.ServiceOverloaded;
import userapi.exception.UserNotFound;
import userapi.exception.ValidationFailed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of ErrorTable: each expected failure has its status, code, title and type; anything else is a 500. */
class ErrorTableTest {

    static Stream<Arguments> expectedFailures() {
        return Stream.of(
                Arguments.of(RejectedRequest.malformedJson("x"), 400, "MALFORMED_JSON", "Malformed JSON", "urn:userapi:problem:malformed-json"),
                Arguments.of(RejectedRequest.notFound(), 404, "NOT_FOUND", "Not found", "urn:userapi:problem:not-found"),
                Arguments.of(new UserNotFound(), 404, "USER_NOT_FOUND", "User not found", "urn:userapi:problem:user-not-found"),
                Arguments.of(RejectedRequest.methodNotAllowed(List.of("GET")), 405, "METHOD_NOT_ALLOWED", "Method not allowed",
                        "urn:userapi:problem:method-not-allowed"),
                Arguments.of(new EmailAlreadyRegistered(), 409, "EMAIL_ALREADY_REGISTERED", "E-mail already registered",
                        "urn:userapi:problem:email-already-registered"),
                Arguments.of(new RejectedRequest(Reason.PAYLOAD_TOO_LARGE, "The request body is larger than " + 10 + " bytes."), 413, "PAYLOAD_TOO_LARGE", "Payload too large",
                        "urn:userapi:problem:payload-too-large"),
                Arguments.of(new RejectedRequest(Reason.UNSUPPORTED_MEDIA_TYPE, "The request body must be sent as application/json."), 415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                        "urn:userapi:problem:unsupported-media-type"),
                Arguments.of(new EmailDomainNotAllowed("example.org"), 422, "EMAIL_DOMAIN_NOT_ALLOWED",
                        "E-mail domain not allowed", "urn:userapi:problem:email-domain-not-allowed"),
                Arguments.of(new ValidationFailed("name", "must not be null"), 422, "VALIDATION_FAILED", "Validation failed",
                        "urn:userapi:problem:validation-failed"),
                Arguments.of(new RejectedRequest(Reason.URI_TOO_LONG, "too long"), 414, "URI_TOO_LONG", "URI too long", "urn:userapi:problem:uri-too-long"),
                Arguments.of(new RejectedRequest(Reason.REQUEST_HEADER_FIELDS_TOO_LARGE, "x"), 431, "REQUEST_HEADER_FIELDS_TOO_LARGE",
                        "Request header fields too large", "urn:userapi:problem:request-header-fields-too-large"),
                Arguments.of(new ServiceOverloaded(), 503, "SERVICE_OVERLOADED", "Service overloaded",
                        "urn:userapi:problem:service-overloaded"));
    }

    @ParameterizedTest(name = "{2} -> {1}")
    @MethodSource("expectedFailures")
    void maps_each_expected_failure_to_its_status_code_title_and_type(Throwable failure, int status, String code,
                                                                       String title, String type) {
        ErrorTable.Entry entry = ErrorTable.lookup(failure);

        assertEquals(status, entry.status());
        assertEquals(code, entry.code());
        assertEquals(title, entry.title());
        assertEquals(type, entry.type());
        assertTrue(entry.expected(), "answered on purpose, logged without a trace");
    }

    static Stream<Throwable> unexpectedFailures() {
        return Stream.of(new RuntimeException("boom"), new IllegalStateException("boom"), new NullPointerException(),
                new UncheckedIOException(new IOException("disk")), new IOException("socket"), new Error("boom"),
                new StackOverflowError());
    }

    @ParameterizedTest
    @MethodSource("unexpectedFailures")
    void maps_anything_else_to_internal_error(Throwable failure) {
        ErrorTable.Entry entry = ErrorTable.lookup(failure);

        assertSame(ErrorTable.INTERNAL_ERROR, entry);
        assertEquals(500, entry.status());
        assertEquals("urn:userapi:problem:internal-error", entry.type());
        assertFalse(entry.expected(), "a 500 is never expected");
    }

    @Test
    void gives_every_expected_failure_its_own_code() {
        List<String> codes = expectedFailures().map(a -> ErrorTable.lookup((Throwable) a.get()[0]).code()).toList();

        assertEquals(codes.size(), codes.stream().distinct().count(), "codes: " + codes);
    }

    @Test
    void asks_clients_to_retry_after_a_503_and_closes_connections_whose_body_was_left_unread() {
        assertEquals(1, ErrorTable.lookup(new ServiceOverloaded()).retryAfterSeconds());
        assertEquals(5, ErrorTable.lookup(new userapi.error.StorageUnavailable(new java.sql.SQLException("down")))
                .retryAfterSeconds());
        assertEquals(0, ErrorTable.lookup(new ValidationFailed("name", "x")).retryAfterSeconds());
        assertTrue(ErrorTable.lookup(new RejectedRequest(Reason.PAYLOAD_TOO_LARGE, "The request body is larger than " + 10 + " bytes.")).closesConnection());
        assertTrue(ErrorTable.lookup(new RejectedRequest(Reason.UNREADABLE_BODY, "x")).closesConnection());
        assertFalse(ErrorTable.lookup(RejectedRequest.malformedJson("x")).closesConnection());
    }
}
