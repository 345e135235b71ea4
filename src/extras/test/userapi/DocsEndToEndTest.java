package userapi;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import userapi.http.Router;
import userapi.testing.OpenApiContract;
import userapi.testing.Reply;
import userapi.testing.RunningApp;
import userapi.testing.RunningAppExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static userapi.testing.OpenApiContract.assertFailsOn;

/**
 * End to end over HTTP: /openapi.json is a valid OpenAPI 3.1 document of exactly the ProductionApp's routes, real
 * requests and answers match its schemas, and /docs serves Swagger UI from the class path with nothing outside its
 * files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RunningAppExtension.class)
class DocsEndToEndTest {
    private static final String PASSWORD = "correct horse battery staple";
    private final JsonMapper mapper = JsonMapper.builder().build();
    private RunningApp app;
    private OpenApiContract contract;

    @BeforeAll
    void start(RunningApp app) throws Exception {
        this.app = app;
        Reply reply = app.get("/openapi.json");
        assertEquals(200, reply.status(), reply.body());
        contract = new OpenApiContract(reply.json());
    }


    // --- the document ------------------------------------------------------------------------------------------

    @Test
    void serves_a_document_the_official_openapi_31_schema_accepts() throws IOException {
        assertEquals(List.of(), contract.openApiErrors(contract.document()));
        assertTrue(contract.document().get("openapi").stringValue().startsWith("3.1."));
    }

    @Test
    void the_official_schema_does_refuse_a_broken_document() throws IOException {
        ObjectNode broken = (ObjectNode) contract.document().deepCopy();
        ((ObjectNode) broken.get("info")).remove("version");
        ((ObjectNode) broken.get("paths").get("/users").get("get")).put("operationId", 42);

        List<String> errors = contract.openApiErrors(broken);

        assertFailsOn(errors, "required", "info");
        assertFailsOn(errors, "type", "operationId");
    }

    @Test
    void every_schema_of_the_document_is_a_valid_json_schema_2020_12() {
        for (Map.Entry<String, JsonNode> schema : contract.document().get("components").get("schemas").properties()) {
            assertEquals(List.of(), contract.metaSchemaErrors(schema.getValue()), schema.getKey());
        }
    }

    @Test
    void documents_every_route_of_the_router_and_nothing_else() {
        Set<String> routes = new TreeSet<>();
        for (Router.Route route : app.routes()) {
            routes.add(route.method() + " " + route.template());
        }
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : contract.document().get("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }
        assertEquals(routes, documented);
    }

    @Test
    void every_operation_has_a_unique_operation_id_a_summary_and_documents_its_errors_as_problems() {
        Set<String> ids = new HashSet<>();
        for (JsonNode item : contract.document().get("paths").values()) {
            for (JsonNode operation : item.values()) {
                assertTrue(ids.add(operation.get("operationId").stringValue()), operation.toString());
                assertFalse(operation.get("summary").stringValue().isBlank());
                JsonNode internalError = operation.get("responses").get("500").get("content").get("application/problem+json");
                assertEquals("#/components/schemas/Problem", internalError.get("schema").get("allOf").get(0).get("$ref").stringValue());
            }
        }
    }

    @Test
    void gives_the_bearer_scheme_and_the_build_version() {
        JsonNode bearer = contract.document().get("components").get("securitySchemes").get("bearer");
        assertEquals("http", bearer.get("type").stringValue());
        assertEquals("bearer", bearer.get("scheme").stringValue());
        assertFalse(contract.document().get("info").get("version").stringValue().isBlank());
        assertEquals("/", contract.document().get("servers").get(0).get("url").stringValue());
    }

    @Test
    void answers_head_and_serves_the_same_bytes_every_time_without_caching_them_for_good() throws Exception {
        Reply first = app.get("/openapi.json");
        Reply second = app.get("/openapi.json");
        Reply head = app.send("HEAD", "/openapi.json", null, null);

        assertEquals(first.body(), second.body());
        assertEquals("application/json", first.header("Content-Type"));
        assertEquals("no-cache", first.header("Cache-Control"));
        assertEquals(200, head.status());
        assertEquals("", head.body());
        assertEquals(200, app.send("HEAD", "/docs", null, null).status());
    }

    // --- real requests and answers against the document's own schemas ---------------------------------------------

    @Test
    void a_valid_create_body_passes_and_the_created_user_matches_the_201_schema() throws Exception {
        String body = app.userJson("Ada", "ada-valid@example.com", PASSWORD);
        assertEquals(List.of(), contract.requestErrors("POST", "/users", mapper.readTree(body)));

        Reply created = app.post("/users", body);

        assertEquals(201, created.status(), created.body());
        contract.assertDocumented("POST", "/users", created);
    }

    @Test
    void fifty_korean_syllables_pass_both_the_document_and_the_server_as_code_points() throws Exception {
        String body = app.userJson("가나다라마바사아자차".repeat(5), "korean@example.com", PASSWORD);
        assertEquals(List.of(), contract.requestErrors("POST", "/users", mapper.readTree(body)));
        assertEquals(201, app.post("/users", body).status());
    }

    @ParameterizedTest(name = "{0}: {1} on {2}")
    @CsvSource(delimiter = '|', textBlock = """
            no name              | required             | name     | {"email":"a@example.com","password":"correct horse"}
            empty name           | minLength            | name     | {"name":"","email":"a@example.com","password":"correct horse"}
            51 code points       | maxLength            | name     | {"name":"가나다라마바사아자차가나다라마바사아자차가나다라마바사아자차가나다라마바사아자차가나다라마바사아자차가","email":"a@example.com","password":"correct horse"}
            control character    | pattern              | name     | {"name":"A\\u0007da","email":"a@example.com","password":"correct horse"}
            name is a number     | type                 | name     | {"name":42,"email":"a@example.com","password":"correct horse"}
            name is null         | type                 | name     | {"name":null,"email":"a@example.com","password":"correct horse"}
            not an e-mail        | format               | email    | {"name":"Ada","email":"not-an-email","password":"correct horse"}
            short password       | minLength            | password | {"name":"Ada","email":"a@example.com","password":"short"}
            unknown field        | additionalProperties | id       | {"name":"Ada","email":"a@example.com","password":"correct horse","id":"42"}
            """)
    void each_kind_of_invalid_create_body_fails_the_document_and_the_server_for_the_same_field(
            String kind, String keyword, String field, String body) throws Exception {
        assertFailsOn(contract.requestErrors("POST", "/users", mapper.readTree(body)), keyword, field);

        Reply refused = app.post("/users", body);

        assertTrue(refused.assertValidationFailed().contains(field), kind + ": " + refused.body());
        contract.assertDocumented("POST", "/users", refused);
    }

    @Test
    void an_overlong_email_fails_the_document_on_max_length() throws Exception {
        String body = app.userJson("Ada", "a".repeat(250) + "@example.com", PASSWORD);
        assertFailsOn(contract.requestErrors("POST", "/users", mapper.readTree(body)), "maxLength", "email");
        assertTrue(app.post("/users", body).assertValidationFailed().contains("email"));
    }

    @Test
    void an_update_may_leave_out_every_field_but_not_break_one() throws Exception {
        assertEquals(List.of(), contract.requestErrors("PATCH", "/users/{id}", mapper.readTree("{\"name\":\"Ada King\"}")));
        assertFailsOn(contract.requestErrors("PATCH", "/users/{id}", mapper.readTree("{\"password\":\"short\"}")),
                "minLength", "password");
    }

    @Test
    void every_answer_of_the_users_resource_matches_the_document() throws Exception {
        String id = app.createUserId("Grace", "grace@example.com");
        String user = "/users/" + id;
        String missing = "/users/3f2c8a1e-0000-4000-8000-000000000001";

        contract.assertDocumented("GET", "/health", app.get("/health"));
        contract.assertDocumented("GET", "/users", app.get("/users?limit=2&offset=0"));
        contract.assertDocumented("GET", "/users", app.get("/users?limit=0&offset=x"));
        contract.assertDocumented("GET", "/users/{id}", app.get(user));
        contract.assertDocumented("GET", "/users/{id}", app.get(missing));
        contract.assertDocumented("PATCH", "/users/{id}", app.patch(user, "{\"name\":\"Grace H.\"}"));
        contract.assertDocumented("PATCH", "/users/{id}", app.patch(missing, "{\"name\":\"Nobody\"}"));
        contract.assertDocumented("POST", "/users", app.post("/users", app.userJson("Again", "grace@example.com", PASSWORD)));
        contract.assertDocumented("POST", "/users", app.post("/users", app.userJson("Spam", "spam@mailinator.com", PASSWORD)));
        contract.assertDocumented("POST", "/users", app.post("/users", "{\"name\": \"Ada\","));
        contract.assertDocumented("POST", "/users", app.send("POST", "/users", "text/plain", "hello"));
        contract.assertDocumented("POST", "/users", app.post("/users", "{\"x\":\"" + "a".repeat(70_000) + "\"}"));
        contract.assertDocumented("DELETE", "/users/{id}", app.delete(user));
        contract.assertDocumented("DELETE", "/users/{id}", app.delete(user));
        contract.assertDocumented("GET", "/docs/{file}", app.get("/docs/nope.js"));
    }

    // --- /docs ---------------------------------------------------------------------------------------------------

    @Test
    void serves_a_page_that_loads_the_ui_and_the_document_from_this_server_only() throws Exception {
        Reply page = app.get("/docs");

        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
        assertEquals("no-cache", page.header("Cache-Control"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertTrue(page.body().contains("validatorUrl: \"none\""), page.body());
        assertTrue(page.body().contains("url: \"openapi.json\""), page.body());
        assertFalse(page.body().contains("//"), "no absolute or protocol-relative URL on the page: " + page.body());
        String policy = page.header("Content-Security-Policy");
        assertNotNull(policy);
        assertTrue(policy.contains("default-src 'none'") && policy.contains("connect-src 'self'"), policy);
    }

    @ParameterizedTest
    @CsvSource({
            "swagger-ui-bundle.js, text/javascript; charset=utf-8",
            "swagger-ui.css, text/css; charset=utf-8",
            "favicon-32x32.png, image/png"})
    void serves_the_ui_files_from_the_pinned_webjar_with_their_types_and_long_caching(String file, String type)
            throws Exception {
        HttpRequest request = app.request("/docs/" + file + "?v=5.34.1").GET().build();
        var response = app.client().send(request, BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertEquals(type, response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("public, max-age=31536000, immutable", response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        try (InputStream in = getClass().getResourceAsStream("/META-INF/resources/webjars/swagger-ui/5.34.1/" + file)) {
            assertNotNull(in, "org.webjars:swagger-ui:5.34.1 is not on the class path");
            assertArrayEquals(in.readAllBytes(), response.body());
        }
        assertEquals("no-cache", app.get("/docs/" + file).header("Cache-Control"), "an unversioned URL is revalidated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/docs/../openapi.json", "/docs/..%2fopenapi.json", "/docs/%2e%2e%2fopenapi.json",
            "/docs/%2e%2e/openapi.json", "/docs/%2Fetc%2Fpasswd", "/docs//etc/passwd", "/docs/index.html",
            "/docs/swagger-ui.js", "/docs/swagger-initializer.js", "/docs/swagger-ui-bundle.js.LICENSE.txt",
            "/docs/", "/docs/swagger-ui.css/..", "/docs/..", "/docs/.", "/docs/META-INF%2fMANIFEST.MF",
            "/docs/swagger-ui.css%00.png", "/docs/%5c..%5cApp.class", "/docs/SWAGGER-UI.CSS"})
    void answers_404_to_any_other_path_under_docs(String target) throws Exception {
        assertEquals(404, rawStatus(target), target);
    }

    /** The exact request target on the wire: no client normalises the dots away. */
    private int rawStatus(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            assertTrue(statusLine.startsWith("HTTP/1.1 "), statusLine);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
