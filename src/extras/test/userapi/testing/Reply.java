package userapi.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One answer of a test server, read fully as UTF-8 (the raw response kept), with assertions for the contract's shapes. */
public record Reply(HttpResponse<String> response, JsonMapper mapper) {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = ProblemShape.PROBLEM_JSON;

    /** The URI the request was sent to. */
    public URI uri() {
        return response.request().uri();
    }

    public int status() {
        return response.statusCode();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    public String body() {
        return response.body();
    }

    public String header(String name) {
        return headers().firstValue(name).orElse(null);
    }

    public JsonNode json() {
        return mapper.readTree(body());
    }

    /** Asserts the RFC 9457 problem shape of an error (ProblemShape) and returns its body. */
    public JsonNode assertProblem(int expectedStatus, String expectedCode) {
        return ProblemShape.assertProblem(expectedStatus, expectedCode, status(), header("Content-Type"), body(),
                header("X-Request-Id"), uri().getRawPath());
    }

    /** Asserts a 422 VALIDATION_FAILED and returns the names of the fields it lists, in order. */
    public List<String> assertValidationFailed() {
        String body = body();
        JsonNode problem = assertProblem(422, "VALIDATION_FAILED");
        List<String> fields = new ArrayList<>();
        for (JsonNode error : problem.get("errors").values()) {
            assertEquals(Set.of("field", "message"), Set.copyOf(error.propertyNames()), body);
            assertFalse(error.get("message").stringValue().isBlank(), body);
            fields.add(error.get("field").stringValue());
        }
        assertFalse(fields.isEmpty(), body);
        return fields;
    }
}
