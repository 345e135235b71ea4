package userapi.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test support: the one strict check of an RFC 9457 problem answer, whichever client received it. */
public final class ProblemShape {
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final Set<String> FIELDS = Set.of("type", "title", "status", "detail", "instance", "code", "requestId");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemShape() {
    }

    /**
     * Asserts status, content type, exactly the problem fields (plus errors on a 422 VALIDATION_FAILED), the code,
     * a urn type, non-blank title and detail, the request id of the X-Request-Id header and, when given, the
     * instance path. Returns the parsed problem.
     */
    public static JsonNode assertProblem(int expectedStatus, String expectedCode, int status, String contentType,
                                         String body, String requestIdHeader, String rawPath) {
        String context = status + " " + body;
        assertEquals(expectedStatus, status, context);
        assertEquals(PROBLEM_JSON, contentType, context);
        JsonNode problem = JSON.readTree(body);
        Set<String> expectedFields = new HashSet<>(FIELDS);
        if (expectedCode.equals("VALIDATION_FAILED")) {
            expectedFields.add("errors");
        }
        assertEquals(expectedFields, Set.copyOf(problem.propertyNames()), context);
        assertEquals(expectedCode, problem.get("code").stringValue(), context);
        assertEquals(expectedStatus, problem.get("status").intValue(), context);
        assertTrue(problem.get("type").stringValue().startsWith("urn:userapi:problem:"), context);
        assertFalse(problem.get("title").stringValue().isBlank(), context);
        assertFalse(problem.get("detail").stringValue().isBlank(), context);
        assertEquals(requestIdHeader, problem.get("requestId").stringValue(), context);
        if (rawPath != null) {
            assertEquals(rawPath, problem.get("instance").stringValue(), context);
        }
        return problem;
    }
}
