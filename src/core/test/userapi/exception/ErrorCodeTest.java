package userapi.exception;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import userapi.exception.RejectedRequest.Reason;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of the core's error codes: each expected failure has its status, code, title and type; anything else is a 500. */
class ErrorCodeTest {

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
                Arguments.of(new StaleVersion(new java.util.UUID(0, 1)), 412, "PRECONDITION_FAILED", "Precondition failed",
                        "urn:userapi:problem:precondition-failed"),
                Arguments.of(new RejectedRequest(Reason.URI_TOO_LONG, "too long"), 414, "URI_TOO_LONG", "URI too long", "urn:userapi:problem:uri-too-long"),
                Arguments.of(new RejectedRequest(Reason.REQUEST_HEADER_FIELDS_TOO_LARGE, "x"), 431, "REQUEST_HEADER_FIELDS_TOO_LARGE",
                        "Request header fields too large", "urn:userapi:problem:request-header-fields-too-large"));
    }

    @ParameterizedTest(name = "{2} -> {1}")
    @MethodSource("expectedFailures")
    void maps_each_expected_failure_to_its_status_code_title_and_type(ExpectedException failure, int status, String code,
                                                                       String title, String type) {
        ErrorCode entry = ErrorCode.of(failure);

        assertSame(failure.code(), entry, "an expected failure names its own row");
        assertEquals(status, entry.status());
        assertEquals(code, entry.name());
        assertEquals(title, entry.title());
        assertEquals(type, entry.type());
    }

    static Stream<Throwable> unexpectedFailures() {
        return Stream.of(new RuntimeException("boom"), new IllegalStateException("boom"), new NullPointerException(),
                new UncheckedIOException(new IOException("disk")), new IOException("socket"), new Error("boom"),
                new StackOverflowError());
    }

    @ParameterizedTest
    @MethodSource("unexpectedFailures")
    void maps_anything_else_to_internal_error(Throwable failure) {
        ErrorCode entry = ErrorCode.of(failure);

        assertSame(ServerError.INTERNAL_ERROR, entry);
        assertEquals(500, entry.status());
        assertEquals("urn:userapi:problem:internal-error", entry.type());
    }

    @Test
    void gives_every_core_code_its_own_name() {
        List<String> names = Stream.of(Reason.values(), UserError.values(), ServerError.values())
                .flatMap(Stream::of).map(ErrorCode::name).toList();

        assertEquals(names.size(), names.stream().distinct().count(), "codes: " + names);
    }

    @Test
    void asks_clients_to_retry_after_a_store_outage_and_closes_connections_whose_body_was_left_unread() {
        assertEquals(5, ErrorCode.of(new StorageUnavailable(new java.sql.SQLException("down"))).retryAfterSeconds());
        assertEquals(0, ErrorCode.of(new ValidationFailed("name", "x")).retryAfterSeconds());
        assertTrue(ErrorCode.of(new RejectedRequest(Reason.PAYLOAD_TOO_LARGE, "x")).closesConnection());
        assertTrue(ErrorCode.of(new RejectedRequest(Reason.UNREADABLE_BODY, "x")).closesConnection());
        assertEquals(false, ErrorCode.of(RejectedRequest.malformedJson("x")).closesConnection());
    }

    @Test
    void a_405_names_the_allowed_methods_in_its_allow_header() {
        assertEquals(Map.of("Allow", "GET, HEAD"), RejectedRequest.methodNotAllowed(List.of("GET", "HEAD")).headers());
        assertEquals(Map.of(), RejectedRequest.notFound().headers());
    }
}
