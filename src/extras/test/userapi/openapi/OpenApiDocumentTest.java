package userapi.openapi;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import userapi.auth.SignIn;
import userapi.exception.ErrorCode;
import userapi.http.JsonBodyWriter;
import userapi.http.JsonMappers;
import userapi.http.Response;
import userapi.http.Router;
import userapi.testing.RunningApp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The document builder on its own: it describes exactly the routes it is given, truly, or refuses to build. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
    private ValidatorFactory validation;
    private Validator validator;
    private List<Router.Route> appRoutes;

    @BeforeAll
    void setUp() throws Exception {
        validation = Validation.byProvider(HibernateValidator.class).configure().ignoreXmlConfiguration()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        validator = validation.getValidator();
        try (RunningApp app = RunningApp.start()) {
            appRoutes = app.routes();
        }
    }

    @AfterAll
    void tearDown() {
        validation.close();
    }

    private ObjectNode document(List<Router.Route> routes, Map<String, ApiDescription.Operation> descriptions) {
        return new OpenApiDocument(validator, descriptions, "test").document(routes);
    }

    private static Router router() {
        return new Router(new JsonBodyWriter(JsonMappers.strict()), 1024);
    }

    @Test
    void the_table_describes_every_route_of_the_app_and_no_other() {
        List<String> routes = appRoutes.stream().map(OpenApiDocument::key).toList();
        assertEquals(routes, List.copyOf(ApiDescription.OPERATIONS.keySet()));
    }

    @Test
    void refuses_to_build_when_a_route_has_no_description() {
        Router router = router().get("/health", request -> Response.noContent()).get("/secret", request -> Response.noContent());
        Map<String, ApiDescription.Operation> descriptions = Map.of("GET /health", ApiDescription.OPERATIONS.get("GET /health"));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> document(router.routes(), descriptions));

        assertTrue(refused.getMessage().contains("GET /secret has no description"), refused.getMessage());
    }

    @Test
    void the_start_time_check_passes_the_app_routes_and_stops_a_route_without_a_description() {
        OpenApiDocument.checkDescribed(appRoutes);
        Router router = router().get("/health", request -> Response.noContent()).get("/secret", request -> Response.noContent());

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> OpenApiDocument.checkDescribed(router.routes()));

        assertTrue(refused.getMessage().contains("GET /secret has no description"), refused.getMessage());
    }

    @Test
    void refuses_to_build_when_a_description_has_no_route() {
        Router router = router().get("/health", request -> Response.noContent());
        Map<String, ApiDescription.Operation> descriptions = new LinkedHashMap<>();
        descriptions.put("GET /health", ApiDescription.OPERATIONS.get("GET /health"));
        descriptions.put("GET /users", ApiDescription.OPERATIONS.get("GET /users"));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> document(router.routes(), descriptions));

        assertTrue(refused.getMessage().contains("GET /users, which no route serves"), refused.getMessage());
    }

    @Test
    void every_documented_error_code_is_in_the_error_catalog_under_its_status() {
        Map<String, ErrorCode> table = ErrorCatalog.all();
        int checked = 0;
        for (JsonNode item : document(appRoutes, ApiDescription.OPERATIONS).get("paths").values()) {
            for (JsonNode operation : item.values()) {
                for (Map.Entry<String, JsonNode> response : operation.get("responses").properties()) {
                    JsonNode problem = response.getValue().path("content").path("application/problem+json");
                    if (problem.isMissingNode()) {
                        continue;
                    }
                    for (JsonNode code : problem.get("schema").get("allOf").get(1).get("properties").get("code").get("enum")) {
                        ErrorCode entry = table.get(code.stringValue());
                        assertTrue(entry != null, code + " is not in the error catalog");
                        assertEquals(response.getKey(), Integer.toString(entry.status()), code.stringValue());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 50, "only " + checked + " codes documented");
    }

    @Test
    void marks_only_the_routes_that_need_a_token_and_always_offers_the_bearer_scheme() {
        ObjectNode document = new OpenApiDocument(validator, ApiDescription.OPERATIONS, "test").document(appRoutes);

        JsonNode paths = document.get("paths");
        for (Router.Route route : appRoutes) {
            JsonNode operation = paths.get(route.template()).get(route.method().toLowerCase(java.util.Locale.ROOT));
            boolean needsToken = route.handler() instanceof SignIn.Required;
            assertEquals(needsToken, operation.has("security"), route.method() + " " + route.template());
        }
        assertEquals("[{\"bearer\":[]}]", paths.get("/users/{id}").get("delete").get("security").toString());
        assertFalse(paths.get("/users").get("post").has("security"));
        assertEquals("bearer", document.get("components").get("securitySchemes").get("bearer").get("scheme").stringValue());
    }

    @Test
    void reads_limits_from_the_constraints_code_points_email_and_closed_objects() {
        JsonNode schemas = document(appRoutes, ApiDescription.OPERATIONS).get("components").get("schemas");
        JsonNode create = schemas.get("UserCreateRequest");

        assertEquals("[\"name\",\"email\",\"password\"]", create.get("required").toString());
        assertFalse(create.get("additionalProperties").asBoolean());
        assertEquals(1, create.get("properties").get("name").get("minLength").asInt());
        assertEquals(50, create.get("properties").get("name").get("maxLength").asInt());
        assertEquals("email", create.get("properties").get("email").get("format").stringValue());
        assertEquals(254, create.get("properties").get("email").get("maxLength").asInt());
        assertEquals(8, create.get("properties").get("password").get("minLength").asInt());
        assertEquals(128, create.get("properties").get("password").get("maxLength").asInt());
        assertFalse(schemas.get("UserUpdateRequest").has("required"), "every field of an update is optional");
        assertEquals("uuid", schemas.get("AccountResponse").get("properties").get("id").get("format").stringValue());
        assertEquals("date-time", schemas.get("AccountResponse").get("properties").get("createdAt").get("format").stringValue());
        assertFalse(schemas.get("AccountResponse").get("properties").has("password"));
        assertEquals("[\"type\",\"title\",\"status\",\"code\"]", schemas.get("Problem").get("required").toString());
    }

    @Test
    void reads_the_query_parameters_of_the_list_from_its_query_record() {
        JsonNode parameters = document(appRoutes, ApiDescription.OPERATIONS).get("paths").get("/users").get("get").get("parameters");

        assertEquals("limit", parameters.get(0).get("name").stringValue());
        assertEquals(1, parameters.get(0).get("schema").get("minimum").asInt());
        assertEquals(100, parameters.get(0).get("schema").get("maximum").asInt());
        assertFalse(parameters.get(0).get("required").asBoolean());
        assertEquals("offset", parameters.get(1).get("name").stringValue());
        assertEquals(0, parameters.get(1).get("schema").get("minimum").asInt());
    }

    record Odd(@NotNull @Positive Integer count) {
    }

    @Test
    void refuses_a_constraint_it_cannot_express_instead_of_dropping_it() {
        Router router = router().post("/odd", request -> Response.noContent());
        ApiDescription.Operation operation = new ApiDescription.Operation("postOdd", "odd", "Odd", null, Odd.class,
                List.of(ApiDescription.Answer.empty(204)), List.of());

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> document(router.routes(), Map.of("POST /odd", operation)));

        assertTrue(refused.getMessage().contains("@Positive"), refused.getMessage());
    }
}
