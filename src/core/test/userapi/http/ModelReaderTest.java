package userapi.http;

import userapi.exception.RejectedRequest;
import userapi.exception.RejectedRequest.Reason;
import static userapi.testing.Rejections.assertRejected;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import userapi.exception.FieldError;
import userapi.exception.ValidationFailed;
import userapi.model.Constraints;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

        assertEquals(List.of(new FieldError("name", Constraints.VISIBLE_NAME_MESSAGE)), errors);
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

    // --- every type is strict, not only String: a test-only record with one field of each kind ----------------

    enum Plan { FREE, PRO }

    record Address(@NotNull String city, int zip) {
    }

    record Everything(String name, int age, boolean admin, long visits, double score, Plan plan, @Valid Address address,
                      List<String> tags, Integer optionalCount) {
    }

    private static final String VALID_EVERYTHING = "{\"name\":\"Ada\",\"age\":36,\"admin\":false,\"visits\":12345678901,"
            + "\"score\":1,\"plan\":\"PRO\",\"address\":{\"city\":\"London\",\"zip\":1815},\"tags\":[\"math\"]}";

    @Test
    void binds_every_kind_of_field_and_reads_an_integer_as_a_floating_point_number() {
        Everything model = reader.read(json(VALID_EVERYTHING), Everything.class);

        assertEquals(new Everything("Ada", 36, false, 12_345_678_901L, 1.0, Plan.PRO, new Address("London", 1815),
                List.of("math"), null), model);
    }

    @Test
    void refuses_every_wrong_type_null_and_unknown_field_at_once_in_model_order() {
        String body = "{\"zzz\":1,\"optionalCount\":\"5\",\"tags\":\"math\",\"address\":{\"city\":7,\"zip\":\"1815\",\"x\":1},"
                + "\"plan\":0,\"score\":\"1.5\",\"visits\":1.5,\"admin\":\"true\",\"age\":\"5\",\"name\":5}";

        List<FieldError> errors = errorsOf(json(body), Everything.class);

        assertEquals(List.of(
                new FieldError("name", "must be a string"),
                new FieldError("age", "must be an integer"),
                new FieldError("admin", "must be true or false"),
                new FieldError("visits", "must be an integer"),
                new FieldError("score", "must be a number"),
                new FieldError("plan", "must be one of FREE, PRO"),
                new FieldError("address.city", "must be a string"),
                new FieldError("address.x", "is not a known field"),
                new FieldError("address.zip", "must be an integer"),
                new FieldError("tags", "must be a JSON array"),
                new FieldError("optionalCount", "must be an integer"),
                new FieldError("zzz", "is not a known field")), errors);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"5\"", "1.5", "5.0", "true", "\"\"", "[5]", "{}", "99999999999"})
    void refuses_for_an_int_anything_but_a_json_integer_in_range(String value) {
        String body = VALID_EVERYTHING.replace("\"age\":36", "\"age\":" + value);

        assertEquals(List.of(new FieldError("age", "must be an integer")), errorsOf(json(body), Everything.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "\"false\"", "\"\"", "null"})
    void refuses_for_a_boolean_anything_but_true_or_false(String value) {
        String body = VALID_EVERYTHING.replace("\"admin\":false", "\"admin\":" + value);

        assertEquals(List.of("admin"), fields(errorsOf(json(body), Everything.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"pro\"", "\"Pro\"", "1", "\"1\"", "\"\"", "\"GOLD\""})
    void refuses_an_enum_value_by_number_or_in_another_case(String value) {
        String body = VALID_EVERYTHING.replace("\"plan\":\"PRO\"", "\"plan\":" + value);

        assertEquals(List.of(new FieldError("plan", "must be one of FREE, PRO")), errorsOf(json(body), Everything.class));
    }

    @Test
    void refuses_explicit_nulls_of_every_type_and_absent_primitives() {
        String body = "{\"name\":null,\"age\":null,\"plan\":null,\"address\":{\"city\":null},\"tags\":null}";

        List<FieldError> errors = errorsOf(json(body), Everything.class);

        assertEquals(List.of(new FieldError("name", "must not be null"), new FieldError("age", "must not be null"),
                new FieldError("admin", "must not be null"), new FieldError("visits", "must not be null"),
                new FieldError("score", "must not be null"), new FieldError("plan", "must not be null"),
                new FieldError("address.city", "must not be null"), new FieldError("address.zip", "must not be null"),
                new FieldError("tags", "must not be null")), errors);
    }

    @Test
    void refuses_a_nested_record_that_is_not_an_object_and_an_array_of_the_wrong_element_type() {
        String body = VALID_EVERYTHING.replace("{\"city\":\"London\",\"zip\":1815}", "\"London\"")
                .replace("[\"math\"]", "[1]");

        assertEquals(List.of(new FieldError("address", "must be a JSON object"), new FieldError("tags", "must be a JSON array")),
                errorsOf(json(body), Everything.class));
    }

    @Test
    void validates_a_nested_record_marked_valid_and_names_the_field_by_its_path() {
        String body = VALID_EVERYTHING.replace("{\"city\":\"London\",\"zip\":1815}", "{\"zip\":1815}");

        assertEquals(List.of(new FieldError("address.city", "must not be null")), errorsOf(json(body), Everything.class));
    }

    // --- query parameters: the same binder, but a value is text ---------------------------------------------

    record Query(@Min(1) Integer limit, @Min(0) int offset, Boolean active, Plan plan) {
    }

    private static Request query(Map<String, List<String>> parameters) {
        return new Request(Map.of(), parameters, null, null);
    }

    @Test
    void reads_query_text_as_the_records_types() {
        Query query = reader.readQuery(query(Map.of("limit", List.of("5"), "offset", List.of("0"), "active", List.of("true"),
                "plan", List.of("FREE"))), Query.class);

        assertEquals(new Query(5, 0, true, Plan.FREE), query);
    }

    @Test
    void leaves_an_absent_optional_parameter_null_and_takes_the_first_of_a_repeated_one() {
        Query query = reader.readQuery(query(Map.of("offset", List.of("3", "x"))), Query.class);

        assertEquals(new Query(null, 3, null, null), query);
    }

    @Test
    void ignores_query_parameters_the_record_does_not_name() {
        assertEquals(new Query(null, 0, null, null), reader.readQuery(query(Map.of("offset", List.of("0"), "_", List.of("123"))),
                Query.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "5x", "1.5", "1e2", "0x10", "null", "99999999999"})
    void refuses_query_text_that_is_not_an_integer(String limit) {
        List<FieldError> errors = assertThrows(ValidationFailed.class,
                () -> reader.readQuery(query(Map.of("limit", List.of(limit), "offset", List.of("0"))), Query.class)).errors();

        assertEquals(List.of(new FieldError("limit", "must be an integer")), errors);
    }

    @Test
    void reports_every_bad_query_parameter_and_constraint_at_once() {
        List<FieldError> errors = assertThrows(ValidationFailed.class, () -> reader.readQuery(query(Map.of(
                "active", List.of("yes"), "plan", List.of("gold"), "limit", List.of("0"))), Query.class)).errors();

        assertEquals(List.of(new FieldError("limit", "must be greater than or equal to 1"),
                new FieldError("offset", "must not be null"), new FieldError("active", "must be true or false"),
                new FieldError("plan", "must be one of FREE, PRO")), errors);
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
