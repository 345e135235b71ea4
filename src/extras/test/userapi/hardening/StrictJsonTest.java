package userapi.hardening;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import userapi.testing.Reply;
import userapi.testing.RunningApp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static userapi.hardening.Problems.assertProblem;
import static userapi.hardening.Problems.fields;

/**
 * Strict JSON, end to end: duplicate keys and trailing tokens are 400, nothing is coerced into a string (422),
 * the parser's limits stop hostile documents (400), bad Unicode is 400, a body that is not an object is a 4xx,
 * and unknown fields are 422 naming them, so no client can set id, createdAt or a password hash.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictJsonTest {
    private static final String VALID = "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}";

    private RunningApp app;
    private int usersBefore;
    private int nextEmail;

    @BeforeAll
    void start() throws Exception {
        app = RunningApp.start(1000);
        app.signInAsAdmin(); // reads and changes any user, and counts them
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @BeforeEach
    void countUsers() throws Exception {
        usersBefore = userCount();
    }

    @Test
    void accepts_the_valid_document_the_other_cases_are_mutations_of() throws Exception {
        assertEquals(201, app.sendJson("POST", "/users", unique(VALID) + " \r\n\t").status(), "trailing whitespace is fine");
    }

    @Test
    void rejects_duplicate_keys_with_400() throws Exception {
        String duplicated = "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"name\":\"Eve\"}";
        assertProblem(app.sendJson("POST", "/users", duplicated), 400, "MALFORMED_JSON");
        assertNoUsers();
    }

    @ParameterizedTest
    @ValueSource(strings = {" {}", " x", ",", "]", "}", " null", " \"more\"", " 1", VALID})
    void rejects_trailing_tokens_with_400(String trailing) throws Exception {
        assertProblem(app.sendJson("POST", "/users", VALID + trailing), 400, "MALFORMED_JSON");
        assertNoUsers();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "12.5", "-1e3", "true", "false", "[\"Ada\"]", "{\"first\":\"Ada\"}"})
    void does_not_coerce_a_non_string_into_the_name(String value) throws Exception {
        String body = "{\"name\":" + value + ",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}";
        JsonNode problem = assertProblem(app.sendJson("POST", "/users", body), 422, "VALIDATION_FAILED");
        assertEquals(List.of("name"), fields(problem));
        assertEquals("must be a string", problem.path("errors").get(0).path("message").asString());
        assertNoUsers();
    }

    @Test
    void does_not_coerce_numbers_or_booleans_in_any_field_of_create_or_update() throws Exception {
        JsonNode create = assertProblem(app.sendJson("POST", "/users",
                "{\"name\":\"Ada\",\"email\":42,\"password\":12345678}"), 422, "VALIDATION_FAILED");
        assertEquals(List.of("email", "password"), fields(create));

        String id = app.createUserId("Ada", freshEmail());
        JsonNode update = assertProblem(app.sendJson("PATCH", "/users/" + id, "{\"name\":false}"), 422, "VALIDATION_FAILED");
        assertEquals(List.of("name"), fields(update));
        assertEquals("\"Ada\"", Problems.parse(app.get("/users/" + id).body()).path("name").toString());
    }

    @Test
    void rejects_explicit_nulls_with_422_naming_the_field() throws Exception {
        JsonNode problem = assertProblem(app.sendJson("POST", "/users",
                "{\"name\":null,\"email\":\"ada@example.com\",\"password\":\"correct horse\"}"), 422, "VALIDATION_FAILED");
        assertEquals(List.of("name"), fields(problem));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "[" + VALID + "]", "\"Ada\"", "42", "true"})
    void answers_a_body_that_is_not_an_object_with_422(String body) throws Exception {
        JsonNode problem = assertProblem(app.sendJson("POST", "/users", body), 422, "VALIDATION_FAILED");
        assertEquals(List.of("body"), fields(problem));
    }

    @Test
    void answers_an_empty_body_with_400() throws Exception {
        assertProblem(app.sendJson("POST", "/users", ""), 400, "MALFORMED_JSON");
    }

    @Test
    void rejects_unknown_fields_with_422_naming_them_so_no_client_sets_id_createdAt_or_a_hash() throws Exception {
        String body = "{\"id\":\"00000000-0000-0000-0000-000000000001\",\"name\":\"Ada\",\"email\":\"ada@example.com\","
                + "\"password\":\"correct horse\",\"createdAt\":\"2000-01-01T00:00:00Z\",\"passwordHash\":\"x\"}";
        JsonNode problem = assertProblem(app.sendJson("POST", "/users", body), 422, "VALIDATION_FAILED");
        assertEquals(List.of("createdAt", "id", "passwordHash"), fields(problem));
        problem.path("errors").forEach(e -> assertEquals("is not a known field", e.path("message").asString()));
        assertNoUsers();

        String id = app.createUserId("Ada", freshEmail());
        String before = app.get("/users/" + id).body();
        JsonNode update = assertProblem(app.sendJson("PATCH", "/users/" + id,
                "{\"id\":\"00000000-0000-0000-0000-000000000001\",\"createdAt\":\"2000-01-01T00:00:00Z\"}"),
                422, "VALIDATION_FAILED");
        assertEquals(List.of("createdAt", "id"), fields(update));
        assertEquals(before, app.get("/users/" + id).body(), "a rejected update changes nothing");
    }

    /** Bytes that are not UTF-8 inside a string value: stray continuation, cut short, CESU surrogate, over U+10FFFF, FF, FE. */
    @ParameterizedTest
    @ValueSource(strings = {"80", "e282", "eda080", "f4908080", "ff", "fe"})
    void rejects_invalid_utf8_with_400(String hex) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"name\":\"A".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(HexFormat.of().parseHex(hex));
        body.writeBytes("da\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}".getBytes(StandardCharsets.UTF_8));
        assertProblem(app.sendJson("POST", "/users", body.toByteArray()), 400, "MALFORMED_JSON");
        assertNoUsers();
    }

    /**
     * Overlong forms (C0 AF and E0 80 AF spell "/", C0 80 spells NUL) are invalid UTF-8 that a lenient decoder
     * turns into ordinary characters; the classic way past a filter that looks for "/" or NUL.
     */
    @ParameterizedTest
    @ValueSource(strings = {"c0af", "c080", "c1bf", "e080af", "e09fbf", "f08080af", "f08fbfbf"})
    void rejects_overlong_utf8_with_400(String hex) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(HexFormat.of().parseHex(hex));
        body.writeBytes("horse\"}".getBytes(StandardCharsets.UTF_8));
        assertProblem(app.sendJson("POST", "/users", body.toByteArray()), 400, "MALFORMED_JSON");
        assertNoUsers();
    }

    /** JSON between systems must be UTF-8 (RFC 8259, 8.1); the parser must not guess UTF-16 or UTF-32 from the bytes. */
    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE"})
    void rejects_a_body_in_another_encoding_than_utf8_with_400(String charset) throws Exception {
        assertProblem(app.sendJson("POST", "/users", VALID.getBytes(java.nio.charset.Charset.forName(charset))),
                400, "MALFORMED_JSON");
        assertNoUsers();
    }

    @Test
    void ignores_a_utf8_byte_order_mark() throws Exception {
        assertEquals(201, app.sendJson("POST", "/users", ("\uFEFF" + unique(VALID)).getBytes(StandardCharsets.UTF_8)).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"A\\ud800da\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}",
            "{\"name\":\"Ada\\udc00\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}",
            "{\"name\":\"\\ude00\\ud83d\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}",
            "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\\ud800\"}",
            "{\"name\\ud800\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}"})
    void rejects_lone_surrogate_escapes_with_400(String body) throws Exception {
        assertProblem(app.sendJson("POST", "/users", body), 400, "MALFORMED_JSON");
        assertNoUsers();
    }

    /** Wherever it sits, a lone surrogate makes the body invalid Unicode: 400 before any model rule is applied. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"extra\":[\"\\ud800\"]}",
            "{\"name\":[\"\\udc00\"],\"email\":\"ada@example.com\",\"password\":\"correct horse\"}",
            "{\"name\":{\"\\ud800\":1},\"email\":\"ada@example.com\",\"password\":\"correct horse\"}",
            "\"\\ud800\"",
            "[\"ok\",[\"\\udfff\"]]"})
    void rejects_a_nested_lone_surrogate_with_400_too(String body) throws Exception {
        assertProblem(app.sendJson("POST", "/users", body), 400, "MALFORMED_JSON");
    }

    @Test
    void accepts_a_well_formed_surrogate_pair() throws Exception {
        Reply created = app.sendJson("POST", "/users",
                unique("{\"name\":\"Ada \\ud83d\\ude00\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}"));
        assertEquals(201, created.status(), created.body());
        assertEquals("Ada \uD83D\uDE00", Problems.parse(created.body()).path("name").asString());
    }

    @Test
    void stops_deep_nesting_at_the_depth_limit_with_400() throws Exception {
        assertProblem(app.sendJson("POST", "/users", nested(14)), 422, "VALIDATION_FAILED"); // within the limit: a model error
        assertProblem(app.sendJson("POST", "/users", nested(16)), 400, "MALFORMED_JSON");
        assertProblem(app.sendJson("POST", "/users", nested(20_000)), 400, "MALFORMED_JSON"); // no stack overflow either
    }

    @Test
    void stops_over_long_strings_with_400() throws Exception {
        String shortEnough = "p".repeat(200); // parses, then breaks the 128-character password rule
        assertProblem(app.sendJson("POST", "/users", withPassword(shortEnough)), 422, "VALIDATION_FAILED");
        assertProblem(app.sendJson("POST", "/users", withPassword("p".repeat(20_000))), 400, "MALFORMED_JSON");
    }

    @Test
    void stops_over_long_numbers_with_400() throws Exception {
        assertProblem(app.sendJson("POST", "/users", withName("1".repeat(20))), 422, "VALIDATION_FAILED");
        assertProblem(app.sendJson("POST", "/users", withName("1".repeat(1_000))), 400, "MALFORMED_JSON");
        assertProblem(app.sendJson("POST", "/users", withName("1." + "5".repeat(1_000))), 400, "MALFORMED_JSON");
    }

    @Test
    void stops_over_long_field_names_with_400() throws Exception {
        JsonNode unknown = assertProblem(app.sendJson("POST", "/users",
                "{\"" + "k".repeat(100) + "\":1," + VALID.substring(1)), 422, "VALIDATION_FAILED");
        assertEquals(List.of("k".repeat(100)), fields(unknown));
        assertProblem(app.sendJson("POST", "/users", "{\"" + "k".repeat(1_000) + "\":1," + VALID.substring(1)),
                400, "MALFORMED_JSON");
    }

    @Test
    void stops_documents_with_too_many_tokens_with_400() throws Exception {
        String manyTokens = "{\"name\":[" + "0,".repeat(20_000) + "0]}"; // 40 KB: under the body limit
        assertProblem(app.sendJson("POST", "/users", manyTokens), 400, "MALFORMED_JSON");
    }

    @Test
    void refuses_a_document_over_64_kib_with_413() throws Exception {
        String huge = withPassword("p".repeat(64 * 1024));
        assertProblem(app.sendJson("POST", "/users", huge), 413, "PAYLOAD_TOO_LARGE");
        assertNoUsers();
    }

    private static String nested(int depth) {
        return "{\"name\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}";
    }

    private static String withPassword(String password) {
        return "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"" + password + "\"}";
    }

    private static String withName(String rawJsonValue) {
        return "{\"name\":" + rawJsonValue + ",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}";
    }

    /** Nothing was created by the request under test (other tests of the class share the app). */
    private void assertNoUsers() throws Exception {
        assertEquals(usersBefore, userCount());
    }

    private int userCount() throws Exception {
        Reply list = app.get("/users?limit=1");
        assertEquals(200, list.status());
        assertFalse(list.body().contains("passwordHash"));
        return Problems.parse(list.body()).path("total").asInt();
    }

    /** The document with an e-mail no other test uses; ada@example.com itself is never created. */
    private String unique(String document) {
        return document.replace("ada@example.com", freshEmail());
    }

    private String freshEmail() {
        return "ada" + (++nextEmail) + "@example.com";
    }
}
