package userapi.http;

import userapi.error.RejectedRequest;
import userapi.error.RejectedRequest.Reason;
import static userapi.testing.Rejections.assertRejected;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import userapi.error.FieldError;
import userapi.error.ValidationFailed;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unit tests of ModelReader with the app's real strict mapper, a real Hibernate validator and the real request
 * records: JSON that is not JSON is a 400, JSON that breaks the model a 422 listing every bad field at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one ValidatorFactory for the class: building one is slow
class ModelReaderTest {
    private static final String VALID_PASSWORD = "correct horse";

    private final ValidatorFactory validation = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    private final ModelReader reader = new ModelReader(JsonMappers.strict(), validation.getValidator());

    @AfterAll
    void closeValidation() {
        validation.close();
    }

    private static Request post(String contentType, String body) {
        return new Request(Map.of(), Map.of(), contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Request json(String body) {
        return post("application/json", body);
    }

    private static String createBody(String name, String email, String password) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private List<FieldError> errorsOf(Request request, Class<? extends Record> type) {
        return assertThrows(ValidationFailed.class, () -> reader.read(request, type)).errors();
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void reads_a_valid_body_into_the_record_with_name_and_email_trimmed() {
        UserCreateRequest model = reader.read(json(createBody("  Ada Lovelace \\t", " ada@example.com  ", "  correct horse ")),
                UserCreateRequest.class);

        assertEquals(new UserCreateRequest("Ada Lovelace", "ada@example.com", "  correct horse "), model);
        assertEquals("  correct horse ", model.password(), "the password is kept exactly as sent");
    }

    @Test
    void accepts_application_json_with_a_charset_and_any_case() {
        String body = createBody("Ada", "ada@example.com", VALID_PASSWORD);

        assertEquals("Ada", reader.read(post("application/json; charset=utf-8", body), UserCreateRequest.class).name());
        assertEquals("Ada", reader.read(post("Application/JSON;charset=UTF-8", body), UserCreateRequest.class).name());
        assertEquals("Ada", reader.read(post(" application/json ", body), UserCreateRequest.class).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonx", "application/json-patch+json",
            "application/problem+json", "multipart/form-data; boundary=x", ""})
    void rejects_a_body_of_another_media_type(String contentType) {
        Request request = post(contentType, createBody("Ada", "ada@example.com", VALID_PASSWORD));

        assertRejected(Reason.UNSUPPORTED_MEDIA_TYPE, () -> reader.read(request, UserCreateRequest.class));
    }

    @Test
    void rejects_a_body_without_content_type() {
        Request request = post(null, createBody("Ada", "ada@example.com", VALID_PASSWORD));

        assertRejected(Reason.UNSUPPORTED_MEDIA_TYPE, () -> reader.read(request, UserCreateRequest.class));
    }

    @Test
    void rejects_an_empty_body_as_malformed_json() {
        assertRejected(Reason.MALFORMED_JSON, () -> reader.read(json(""), UserCreateRequest.class));
        assertRejected(Reason.MALFORMED_JSON, () -> reader.read(post(null, ""), UserCreateRequest.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "\n", "\r\n\t "})
    void rejects_a_body_of_only_whitespace_as_malformed_json_not_as_a_validation_failure(String body) {
        assertRejected(Reason.MALFORMED_JSON, () -> reader.read(json(body), UserCreateRequest.class));
        assertRejected(Reason.MALFORMED_JSON, () -> reader.read(json(body), UserUpdateRequest.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"name\":", "{'name':'Ada'}", "{name:\"Ada\"}", "not json", "{\"name\":\"Ada\",}",
            "{\"a\":1} {\"b\":2}", "{} x", "{}]", "[] []", "\"a\" \"b\"", "nul", "{\"name\":\"Ada\"\"email\":\"x\"}"})
    void rejects_malformed_json_and_trailing_content_as_malformed_json(String body) {
        assertRejected(Reason.MALFORMED_JSON, () -> reader.read(json(body), UserCreateRequest.class));
    }

    @Test
    void rejects_duplicate_keys_as_malformed_json() {
        String body = "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"" + VALID_PASSWORD + "\",\"name\":\"Eve\"}";

        assertRejected(Reason.MALFORMED_JSON, () -> reader.read(json(body), UserCreateRequest.class));
    }

    @Test
    void rejects_bytes_that_are_not_utf8_as_malformed_json() {
        byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        Request request = new Request(Map.of(), Map.of(), "application/json", body);

        assertRejected(Reason.MALFORMED_JSON, () -> reader.read(request, UserCreateRequest.class));
    }

    @Test
    void rejects_absurdly_deep_nesting_as_malformed_json_not_a_stack_overflow() {
        String body = "{\"name\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertRejected(Reason.MALFORMED_JSON, () -> reader.read(json(body), UserCreateRequest.class));
    }

    @Test
    void never_repeats_the_clients_text_in_the_malformed_json_detail() {
        RejectedRequest failure = assertRejected(Reason.MALFORMED_JSON,
                () -> reader.read(json("{\"password\":\"hunter2-secret\""), UserCreateRequest.class));

        assertFalse(failure.getMessage().contains("hunter2"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"name\":\"Ada\"}]", "null", "42", "\"Ada\"", "true"})
    void rejects_json_that_is_not_an_object_as_a_validation_failure(String body) {
        List<FieldError> errors = errorsOf(json(body), UserCreateRequest.class);

        assertEquals(List.of(new FieldError("body", "must be a JSON object")), errors);
    }

    @Test
    void reports_every_missing_field_at_once() {
        List<FieldError> errors = errorsOf(json("{}"), UserCreateRequest.class);

        assertEquals(List.of(new FieldError("name", "must not be null"), new FieldError("email", "must not be null"),
                new FieldError("password", "must not be null")), errors);
    }

    @Test
    void reports_an_explicit_null_once_per_field() {
        List<FieldError> errors = errorsOf(json("{\"name\":null,\"email\":null,\"password\":null}"), UserCreateRequest.class);

        assertEquals(List.of("name", "email", "password"), fields(errors));
        assertTrue(errors.stream().allMatch(e -> e.message().equals("must not be null")), errors.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "4.2", "true", "false", "{\"first\":\"Ada\"}", "[\"Ada\"]"})
    void rejects_a_value_that_is_not_a_string_instead_of_converting_it(String value) {
        String body = "{\"name\":" + value + ",\"email\":\"ada@example.com\",\"password\":\"" + VALID_PASSWORD + "\"}";

        assertEquals(List.of(new FieldError("name", "must be a string")), errorsOf(json(body), UserCreateRequest.class));
    }

    @Test
    void rejects_an_unknown_field_such_as_id() {
        String body = "{\"id\":\"3f2c8a1e-0000-4000-8000-000000000001\",\"name\":\"Ada\",\"email\":\"ada@example.com\","
                + "\"password\":\"" + VALID_PASSWORD + "\"}";

        assertEquals(List.of(new FieldError("id", "is not a known field")), errorsOf(json(body), UserCreateRequest.class));
    }

    @Test
    void reports_every_invalid_field_at_once_in_model_order_with_unknown_fields_last() {
        String body = "{\"role\":\"admin\",\"password\":\"short\",\"id\":7,\"email\":\"not-an-email\",\"name\":12}";

        List<FieldError> errors = errorsOf(json(body), UserCreateRequest.class);

        assertEquals(List.of("name", "email", "password", "id", "role"), fields(errors));
        assertEquals("must be a string", errors.get(0).message());
        assertEquals("is not a known field", errors.get(3).message());
        assertEquals("is not a known field", errors.get(4).message());
    }

    @Test
    void counts_the_name_length_in_code_points_so_50_korean_syllables_fit_and_51_do_not() {
        String fifty = "가".repeat(50);
        String fiftyOne = "가".repeat(51);

        assertEquals(fifty, reader.read(json(createBody(fifty, "ada@example.com", VALID_PASSWORD)), UserCreateRequest.class).name());
        assertEquals(List.of("name"), fields(errorsOf(json(createBody(fiftyOne, "ada@example.com", VALID_PASSWORD)),
                UserCreateRequest.class)));
    }

    @Test
    void counts_a_character_outside_the_bmp_once_although_java_stores_it_in_two_chars() {
        String fiftyEmoji = "😀".repeat(50); // 100 UTF-16 chars, 50 code points
        String fiftyOneEmoji = "😀".repeat(51);

        assertEquals(fiftyEmoji, reader.read(json(createBody(fiftyEmoji, "ada@example.com", VALID_PASSWORD)),
                UserCreateRequest.class).name());
        assertEquals(List.of("name"), fields(errorsOf(json(createBody(fiftyOneEmoji, "ada@example.com", VALID_PASSWORD)),
                UserCreateRequest.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\\t\\n"})
    void rejects_a_name_that_is_empty_once_trimmed(String name) {
        assertEquals(List.of("name"), fields(errorsOf(json(createBody(name, "ada@example.com", VALID_PASSWORD)),
                UserCreateRequest.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\\nLovelace", "Ada\\rLovelace", "Ada\\tLovelace", "Ada\\u0000", "Ada\\u001b[31m", "Ada\\u007f",
            "Ada\\u0085Lovelace", "Ada\\u009bX", "Ada\\u2028Lovelace", "Ada\\u2029Lovelace"})
    void rejects_control_characters_and_line_separators_inside_a_name(String escapedName) {
        List<FieldError> errors = errorsOf(json(createBody(escapedName, "ada@example.com", VALID_PASSWORD)),
                UserCreateRequest.class);

        assertEquals(List.of(new FieldError("name", "must not contain control characters")), errors);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "ada@", "@example.com", "ada@@example.com", "ada example@example.com", "ada@exa mple.com"})
    void rejects_a_bad_email(String email) {
        assertEquals(List.of("email"), fields(errorsOf(json(createBody("Ada", email, VALID_PASSWORD)), UserCreateRequest.class)));
    }

    @Test
    void rejects_an_email_longer_than_254_characters() {
        String email = "a".repeat(64) + "@" + ("b".repeat(60) + ".").repeat(3) + "c".repeat(10) + ".com"; // 261 chars

        assertEquals(List.of("email"), fields(errorsOf(json(createBody("Ada", email, VALID_PASSWORD)), UserCreateRequest.class)));
    }

    @Test
    void rejects_a_password_shorter_than_8_and_accepts_8() {
        assertEquals(List.of("password"), fields(errorsOf(json(createBody("Ada", "ada@example.com", "1234567")),
                UserCreateRequest.class)));
        assertEquals("12345678", reader.read(json(createBody("Ada", "ada@example.com", "12345678")),
                UserCreateRequest.class).password());
    }

    @Test
    void rejects_a_password_longer_than_128() {
        assertEquals(List.of("password"), fields(errorsOf(json(createBody("Ada", "ada@example.com", "p".repeat(129))),
                UserCreateRequest.class)));
    }

    @Test
    void reads_an_empty_update_as_all_fields_unchanged() {
        assertEquals(new UserUpdateRequest(null, null, null), reader.read(json("{}"), UserUpdateRequest.class));
    }

    @Test
    void reads_a_partial_update_with_the_name_trimmed() {
        assertEquals(new UserUpdateRequest("Ada L.", null, null),
                reader.read(json("{\"name\":\"  Ada L. \"}"), UserUpdateRequest.class));
    }

    @Test
    void applies_the_create_rules_to_every_field_an_update_sends() {
        String body = "{\"name\":\"" + "가".repeat(51) + "\",\"email\":\"nope\",\"password\":\"short\",\"id\":\"x\"}";

        assertEquals(List.of("name", "email", "password", "id"), fields(errorsOf(json(body), UserUpdateRequest.class)));
    }

    @Test
    void rejects_an_explicit_null_in_an_update_rather_than_reading_it_as_absent() {
        assertEquals(List.of(new FieldError("name", "must not be null")),
                errorsOf(json("{\"name\":null}"), UserUpdateRequest.class));
    }

    @Test
    void rejects_an_update_that_is_not_an_object() {
        assertEquals(List.of(new FieldError("body", "must be a JSON object")), errorsOf(json("null"), UserUpdateRequest.class));
    }

    /** A model built by hand, like PageQuery, to show validate(...) on its own. */
    record Limits(@Min(1) int limit, @Min(0) int offset) {
    }

    @Test
    void validates_a_model_built_by_hand_and_returns_it_when_valid() {
        Limits valid = new Limits(10, 0);

        assertSame(valid, reader.validate(valid, List.of()));
    }

    @Test
    void reports_every_violation_of_a_model_built_by_hand() {
        ValidationFailed failure = assertThrows(ValidationFailed.class, () -> reader.validate(new Limits(0, -1), List.of()));

        assertEquals(List.of("limit", "offset"), fields(failure.errors()));
        assertEquals("2 fields are invalid.", failure.getMessage());
    }

    @Test
    void recognises_json_media_types_only() {
        assertTrue(ModelReader.isJson("application/json"));
        assertTrue(ModelReader.isJson("APPLICATION/JSON; charset=utf-8"));
        assertFalse(ModelReader.isJson(null));
        assertFalse(ModelReader.isJson("application/json5"));
        assertFalse(ModelReader.isJson("text/json"));
    }

    @Test
    void never_lets_an_unexpected_exception_escape_for_odd_but_valid_json() {
        for (String body : List.of("{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":{}}", "{\"\":1}",
                "{\"name\":1e999999}", "{\"name\":\"\\ud800\"}")) {
            RuntimeException failure = assertThrows(RuntimeException.class, () -> reader.read(json(body), UserCreateRequest.class));
            assertTrue(failure instanceof ValidationFailed || failure instanceof RejectedRequest, body + " -> " + failure);
        }
        assertNull(reader.read(json("{}"), UserUpdateRequest.class).password());
    }
}
