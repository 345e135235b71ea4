package userapi.testing;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An OpenAPI document as a test oracle, with no network: the document checked against the official OpenAPI 3.1
 * JSON Schema kept in the repository, and any request or response body checked against the schema that the
 * document itself gives it (formats asserted, as a strict client would).
 */
public final class OpenApiContract {
    /** Relative to the repository root, where `make test` runs. */
    public static final Path OPENAPI_31_SCHEMA = Path.of("src/extras/test-resources/openapi/oas-3.1-schema-2025-11-23.json");
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final JsonNode document;

    public OpenApiContract(JsonNode document) {
        this.document = document;
    }

    public JsonNode document() {
        return document;
    }

    /** What the official OpenAPI 3.1 schema finds wrong with a document; empty when it is valid. */
    public List<String> openApiErrors(JsonNode candidate) throws IOException {
        assertTrue(Files.isRegularFile(OPENAPI_31_SCHEMA), "no " + OPENAPI_31_SCHEMA.toAbsolutePath() + ": run from the repository root");
        Schema schema = registry.getSchema(mapper.readTree(Files.readString(OPENAPI_31_SCHEMA)));
        return messages(schema.validate(candidate));
    }

    /** What JSON Schema 2020-12's meta-schema finds wrong with one of the document's schemas. */
    public List<String> metaSchemaErrors(JsonNode schema) {
        return messages(registry.getSchema(SchemaLocation.of(DRAFT_2020_12)).validate(schema));
    }

    /** The operation object of METHOD template. */
    public JsonNode operation(String method, String template) {
        JsonNode operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertTrue(operation.isObject(), "the document has no " + method + " " + template);
        return operation;
    }

    /** Errors of a body against the operation's request body schema. */
    public List<String> requestErrors(String method, String template, JsonNode body) {
        JsonNode schema = operation(method, template).path("requestBody").path("content").path("application/json").path("schema");
        assertTrue(schema.isObject(), method + " " + template + " documents no JSON request body");
        return errors(schema, body);
    }

    /** Asserts that a real answer is one the operation documents: its status, its media type, a body its schema accepts. */
    public void assertDocumented(String method, String template, Reply reply) {
        JsonNode response = operation(method, template).path("responses").path(Integer.toString(reply.status()));
        assertTrue(response.isObject(), method + " " + template + " does not document status " + reply.status() + ": " + reply.body());
        JsonNode content = response.path("content");
        if (content.isMissingNode()) {
            assertEquals("", reply.body(), "documented without a body");
            return;
        }
        String contentType = reply.header("Content-Type");
        assertNotNull(contentType, "no Content-Type on " + reply.status());
        String mediaType = contentType.split(";")[0].strip();
        JsonNode schema = content.path(mediaType).path("schema");
        assertTrue(schema.isObject(), method + " " + template + " " + reply.status() + " does not document " + mediaType);
        List<String> errors = errors(schema, reply.json());
        assertEquals(List.of(), errors, method + " " + template + " " + reply.status() + " body " + reply.body());
    }

    /** Errors of an instance against a schema of the document; its $refs resolve inside the document. */
    public List<String> errors(JsonNode schema, JsonNode instance) {
        ObjectNode root = mapper.createObjectNode();
        root.put("$schema", DRAFT_2020_12);
        root.set("components", document.path("components"));
        root.putArray("allOf").add(schema);
        return messages(registry.getSchema(root).validate(instance));
    }

    /** "keyword at location: message", so a test can say which rule failed. */
    private static List<String> messages(List<Error> errors) {
        List<String> messages = new ArrayList<>();
        for (Error error : errors) {
            messages.add(error.getKeyword() + " at " + error.getInstanceLocation() + ": " + error.getMessage());
        }
        return messages;
    }

    /** Fails unless some error names the keyword (e.g. maxLength) for the property. */
    public static void assertFailsOn(List<String> errors, String keyword, String property) {
        for (String error : errors) {
            if (error.startsWith(keyword + " ") && error.contains(property)) {
                return;
            }
        }
        fail("expected a " + keyword + " error about " + property + ", got " + errors);
    }
}
