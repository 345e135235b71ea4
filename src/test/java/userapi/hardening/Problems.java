package userapi.hardening;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import userapi.testing.Reply;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assertions on the app's problem+json answers. */
final class Problems {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    static JsonNode parse(String body) {
        return JSON.readTree(body);
    }

    /** Asserts status, problem+json content type and error code; returns the parsed problem. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        String context = response.request().method() + " " + response.uri().getRawPath() + " -> " + response.statusCode()
                + " " + response.body();
        assertEquals(status, response.statusCode(), context);
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null), context);
        JsonNode problem = parse(response.body());
        assertEquals(code, problem.path("code").asString(), context);
        assertEquals(status, problem.path("status").asInt(), context);
        return problem;
    }

    /** Asserts the same for an answer of a test server's client. */
    static JsonNode assertProblem(Reply reply, int status, String code) {
        return assertProblem(reply.response(), status, code);
    }

    /** Asserts the same for a raw-socket answer. */
    static JsonNode assertProblem(RawHttp.Response response, int status, String code) {
        String context = response.statusLine() + " " + response.bodyText();
        assertEquals(status, response.status(), context);
        assertEquals("application/problem+json", response.header("Content-Type"), context);
        JsonNode problem = parse(response.bodyText());
        assertEquals(code, problem.path("code").asString(), context);
        return problem;
    }

    /** The "field" of every entry in a 422's errors array, in order. */
    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            fields.add(error.path("field").asString());
        }
        return fields;
    }
}
