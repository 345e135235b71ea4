package userapi.hardening;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import userapi.testing.ProblemShape;
import userapi.testing.Reply;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;


/** Assertions on the app's problem+json answers. */
public final class Problems {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static JsonNode parse(String body) {
        return JSON.readTree(body);
    }

    /** The strict check of ProblemShape, on an answer of java.net.http's client. */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        return ProblemShape.assertProblem(status, code, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body(),
                response.headers().firstValue("X-Request-Id").orElse(null), response.uri().getRawPath());
    }

    public static JsonNode assertProblem(Reply reply, int status, String code) {
        return reply.assertProblem(status, code);
    }

    /** The same strict check on a raw-socket answer (the request's path is not known here). */
    public static JsonNode assertProblem(RawHttp.Response response, int status, String code) {
        return ProblemShape.assertProblem(status, code, response.status(), response.header("Content-Type"),
                response.bodyText(), response.header("X-Request-Id"), null);
    }

    /** The "field" of every entry in a 422's errors array, in order. */
    public static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            fields.add(error.path("field").asString());
        }
        return fields;
    }
}
