package userapi;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import userapi.testing.Reply;
import userapi.testing.RunningApp;
import userapi.testing.RunningAppExtension;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** End to end over HTTP: every failure is one problem+json shape with the right status, code and field list. */
@ExtendWith(RunningAppExtension.class)
class ErrorsEndToEndTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String SECRET = "Zebra-Quartz-7731-do-not-echo";
    private static final int ONE_MIB = 1024 * 1024;

    private RunningApp app;

    @BeforeEach
    void start(RunningApp app) throws Exception {
        this.app = app;
    }


    @Test
    void lists_every_violated_field_at_once() throws Exception {
        Reply reply = app.post("/users", app.userJson(" ", "not-an-email", "short"));

        assertEquals(List.of("name", "email", "password"), reply.assertValidationFailed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":", "not json", "{'name':'Ada'}", "{\"name\":\"Ada\",}"})
    void answers_400_malformed_json_for_a_body_that_is_not_json(String body) throws Exception {
        app.post("/users", body).assertProblem(400, "MALFORMED_JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {" x", "{}", " {\"name\":\"Eve\"}", " 1"})
    void answers_400_malformed_json_for_trailing_content_after_the_value(String trailing) throws Exception {
        String body = app.userJson("Ada", "ada@example.com", PASSWORD) + trailing;

        app.post("/users", body).assertProblem(400, "MALFORMED_JSON");
        assertEquals(0, app.storedUsers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "email", "password"})
    void answers_422_naming_a_missing_field(String missing) throws Exception {
        List<Object> fields = new ArrayList<>(List.of("name", "Ada", "email", "ada@example.com", "password", PASSWORD));
        fields.subList(fields.indexOf(missing), fields.indexOf(missing) + 2).clear();

        assertEquals(List.of(missing), app.post("/users", app.json(fields.toArray())).assertValidationFailed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "email", "password"})
    void answers_422_naming_a_null_field(String field) throws Exception {
        assertEquals(List.of(field), app.post("/users", validUserWith(field, "null")).assertValidationFailed());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "name     | 12345",
            "name     | true",
            "name     | [\"Ada\"]",
            "email    | {\"address\":\"ada@example.com\"}",
            "password | 12345678901"})
    void answers_422_for_a_wrong_json_type_without_coercion(String field, String rawValue) throws Exception {
        assertEquals(List.of(field), app.post("/users", validUserWith(field, rawValue)).assertValidationFailed());
        assertEquals(0, app.storedUsers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"Ada\"", "42", "null"})
    void answers_422_for_a_json_value_that_is_not_an_object(String body) throws Exception {
        assertEquals(List.of("body"), app.post("/users", body).assertValidationFailed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/nope", "/usersX", "/users/", "/users/3f1c2b9e-8a4d-4c1e-9f00-1234567890ab/extra", "/health/x"})
    void answers_404_not_found_for_an_unknown_path(String path) throws Exception {
        app.get(path).assertProblem(404, "NOT_FOUND");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PUT    | /users                                      | GET, HEAD, OPTIONS, POST",
            "DELETE | /users                                      | GET, HEAD, OPTIONS, POST",
            "POST   | /users/3f1c2b9e-8a4d-4c1e-9f00-1234567890ab | DELETE, GET, HEAD, OPTIONS, PATCH",
            "PUT    | /users/3f1c2b9e-8a4d-4c1e-9f00-1234567890ab | DELETE, GET, HEAD, OPTIONS, PATCH",
            "POST   | /health                                     | GET, HEAD, OPTIONS"})
    void answers_405_method_not_allowed_with_allow_for_a_known_path(String method, String path, String allow) throws Exception {
        Reply reply = app.send(method, path, Reply.JSON, "{}");

        reply.assertProblem(405, "METHOD_NOT_ALLOWED");
        assertEquals(allow, reply.header("Allow"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "application/jsonx"})
    void answers_415_unsupported_media_type_for_a_body_that_is_not_application_json(String contentType) throws Exception {
        Reply reply = app.send("POST", "/users", contentType, app.userJson("Ada", "ada@example.com", PASSWORD));

        reply.assertProblem(415, "UNSUPPORTED_MEDIA_TYPE");
        assertEquals(0, app.storedUsers());
    }

    @Test
    void answers_415_for_an_update_that_is_not_application_json() throws Exception {
        String id = app.createUser("Ada", "ada@example.com", PASSWORD).get("id").stringValue();
        app.signIn("ada@example.com", PASSWORD);

        app.send("PATCH", "/users/" + id, "text/plain", "{\"name\":\"Eve\"}").assertProblem(415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void answers_413_payload_too_large_for_a_1_mib_body_with_content_length() throws Exception {
        Reply reply = app.send(app.request("/users").header("Content-Type", Reply.JSON)
                .POST(BodyPublishers.ofByteArray(bigJson())).build());

        reply.assertProblem(413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void answers_413_payload_too_large_for_a_1_mib_body_streamed_without_content_length() throws Exception {
        Flow.Publisher<ByteBuffer> unknownLength = BodyPublishers.ofByteArray(bigJson());

        Reply reply = app.send(app.request("/users").header("Content-Type", Reply.JSON)
                .POST(BodyPublishers.fromPublisher(unknownLength)).build());

        reply.assertProblem(413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void accepts_a_body_of_exactly_64_kib() throws Exception {
        String padding = " ".repeat(64 * 1024 - app.userJson("Ada", "ada@example.com", PASSWORD).length());
        String body = app.userJson("Ada", "ada@example.com", PASSWORD) + padding;
        assertEquals(64 * 1024, body.getBytes(StandardCharsets.UTF_8).length);

        assertEquals(201, app.post("/users", body).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"\",\"email\":\"ada@example.com\",\"password\":\"" + SECRET + "\"}",
            "{\"name\":\"Ada\",\"email\":\"not-an-email\",\"password\":\"" + SECRET + "\"}",
            "{\"name\":\"Ada\",\"email\":\"ada@mailinator.com\",\"password\":\"" + SECRET + "\"}",
            "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"" + SECRET + "\",\"role\":\"admin\"}",
            "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"" + SECRET + "\"",
            "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"" + SECRET + "\"} trailing",
            "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":[\"" + SECRET + "\"]}"})
    void never_echoes_a_password_in_an_error_body(String body) throws Exception {
        Reply reply = app.post("/users", body);

        assertEquals(Reply.PROBLEM_JSON, reply.header("Content-Type"), reply.body());
        assertFalse(reply.body().contains(SECRET), reply.body());
        assertFalse(reply.body().contains("Zebra"), reply.body());
    }

    @Test
    void never_echoes_a_too_long_password_in_an_error_body() throws Exception {
        String longSecret = SECRET.repeat(10);

        Reply reply = app.post("/users", app.userJson("Ada", "ada@example.com", longSecret));

        assertEquals(List.of("password"), reply.assertValidationFailed());
        assertFalse(reply.body().contains("Zebra"), reply.body());
    }

    /** A valid create body with one field's value replaced by the given raw JSON text. */
    private String validUserWith(String field, String rawJson) {
        String valid = app.userJson("Ada", "ada@example.com", PASSWORD);
        String replaced = valid.replaceFirst("\"" + field + "\":\"[^\"]*\"", Matcher.quoteReplacement("\"" + field + "\":" + rawJson));
        assertFalse(replaced.equals(valid), "no field " + field + " in " + valid);
        return replaced;
    }

    /** A syntactically valid JSON object of over 1 MiB: only its size can be wrong. */
    private byte[] bigJson() {
        char[] filler = new char[ONE_MIB];
        Arrays.fill(filler, 'a');
        return app.userJson(new String(filler), "ada@example.com", PASSWORD).getBytes(StandardCharsets.UTF_8);
    }
}
