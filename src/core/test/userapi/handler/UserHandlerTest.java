package userapi.handler;

import userapi.exception.RejectedRequest.Reason;
import static userapi.testing.Rejections.assertRejected;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import userapi.exception.FieldError;
import userapi.exception.UserNotFound;
import userapi.exception.ValidationFailed;
import userapi.http.JsonMappers;
import userapi.http.ModelReader;
import userapi.http.Request;
import userapi.http.Response;
import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserResponse;
import userapi.model.UserUpdateRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Unit tests of UserHandler with a fake service and the real ModelReader: request in, service call, response out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserHandlerTest {
    private static final UUID ID = UUID.fromString("3f2b8c4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f");
    private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.123Z");
    private static final User ADA = new User(ID, "Ada", "ada@example.com", "hashed:correct horse", Role.USER, CREATED);
    private static final UserResponse ADA_RESPONSE = new UserResponse(ID, "Ada", "ada@example.com", Role.USER, CREATED);

    private final ValidatorFactory validation = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private final ModelReader models = new ModelReader(JsonMappers.strict(), validation.getValidator());

    @AfterAll
    void close_validation() {
        validation.close();
    }

    // --- create -------------------------------------------------------------------------------------------

    @Test
    void create_answers_201_with_location_and_the_user_response() {
        FakeUserService service = new FakeUserService(ADA);

        Response response = new UserHandler(service, models).create(
                body("POST", "/users", "{\"name\":\" Ada \",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}"));

        assertEquals(201, response.status());
        assertEquals(Map.of("Location", "/users/" + ID), response.headers());
        assertEquals(ADA_RESPONSE, response.body());
        assertEquals(List.of("create"), service.calls);
        assertEquals(new UserCreateRequest("Ada", "ada@example.com", "correct horse"), service.created);
    }

    @Test
    void create_body_has_no_password_field_at_all() {
        Response response = new UserHandler(new FakeUserService(ADA), models).create(
                body("POST", "/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}"));

        assertInstanceOf(UserResponse.class, response.body());
        String json = JsonMappers.strict().writeValueAsString(response.body());
        assertEquals(List.of("id", "name", "email", "role", "createdAt"), fieldNames(json));
        assertFalse(json.contains("password"), json);
        assertFalse(json.contains("correct horse"), json);
        assertFalse(json.contains("hashed:"), json);
    }

    @Test
    void create_refuses_a_role_field_as_unknown_so_no_sign_up_can_choose_admin() {
        FakeUserService service = new FakeUserService(ADA);

        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> new UserHandler(service, models).create(
                body("POST", "/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"role\":\"admin\"}")));

        assertEquals(List.of(new FieldError("role", "is not a known field")), failed.errors());
        assertEquals(List.of(), service.calls);
    }

    @Test
    void create_with_an_invalid_body_reports_every_field_without_calling_the_service() {
        FakeUserService service = new FakeUserService(ADA);

        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> new UserHandler(service, models).create(
                body("POST", "/users", "{\"name\":\"\",\"email\":\"not-an-email\",\"password\":\"short\"}")));

        assertEquals(List.of("name", "email", "password"), fields(failed));
        assertEquals(List.of(), service.calls);
    }

    @Test
    void create_with_a_missing_field_or_an_unknown_one_does_not_call_the_service() {
        FakeUserService service = new FakeUserService(ADA);
        UserHandler handler = new UserHandler(service, models);

        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> handler.create(body("POST", "/users",
                "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"admin\":true}")));
        assertEquals(List.of("admin"), fields(failed));

        failed = assertThrows(ValidationFailed.class,
                () -> handler.create(body("POST", "/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")));
        assertEquals(List.of("password"), fields(failed));

        assertEquals(List.of(), service.calls);
    }

    @Test
    void create_with_malformed_json_does_not_call_the_service() {
        FakeUserService service = new FakeUserService(ADA);

        assertRejected(Reason.MALFORMED_JSON,
                () -> new UserHandler(service, models).create(body("POST", "/users", "{\"name\":")));

        assertEquals(List.of(), service.calls);
    }

    // --- get ----------------------------------------------------------------------------------------------

    @Test
    void get_answers_200_with_the_user_response() {
        FakeUserService service = new FakeUserService(ADA);

        Response response = new UserHandler(service, models).get(withId("GET", ID.toString()));

        assertEquals(200, response.status());
        assertEquals(ADA_RESPONSE, response.body());
        assertEquals(Map.of("ETag", "\"1\""), response.headers());
        assertEquals(List.of("get " + ID), service.calls);
    }

    /** How the production route table serves /users/me: the get handler, with the id set to the caller's. */
    @Test
    void get_reads_an_id_that_a_decorator_set_on_the_request() {
        FakeUserService service = new FakeUserService(ADA);

        Response response = new UserHandler(service, models).get(
                new Request(Map.of(), Map.of(), null, null).withPathParam("id", ID.toString()));

        assertEquals(ADA_RESPONSE, response.body());
        assertEquals(List.of("get " + ID), service.calls);
    }

    @Test
    void get_accepts_an_upper_case_uuid() {
        FakeUserService service = new FakeUserService(ADA);

        new UserHandler(service, models).get(withId("GET", ID.toString().toUpperCase(Locale.ROOT)));

        assertEquals(List.of("get " + ID), service.calls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "42", "1-1-1-1-1", "3f2b8c4e1d2a4b5c9e8f0a1b2c3d4e5f",
            "3f2b8c4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f0", "zf2b8c4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f",
            "{3f2b8c4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f}"})
    void a_non_uuid_id_is_user_not_found_without_calling_the_service(String rawId) {
        FakeUserService service = new FakeUserService(ADA);
        UserHandler handler = new UserHandler(service, models);

        assertThrows(UserNotFound.class, () -> handler.get(withId("GET", rawId)));
        assertThrows(UserNotFound.class, () -> handler.delete(withId("DELETE", rawId)));
        assertThrows(UserNotFound.class,
                () -> handler.update(new Request(Map.of("id", rawId), Map.of(),
                        "application/json", "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8))));

        assertEquals(List.of(), service.calls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+0000000-0000-0000-0000-000000000000", "+f2b8c4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f",
            "3f2b8c4e-+d2a-4b5c-9e8f-0a1b2c3d4e5f", "3f2b8c4e-1d2a-4b5c-9e8f-+a1b2c3d4e5f"})
    void an_id_with_a_sign_is_not_a_uuid_although_uuid_from_string_parses_it(String rawId) {
        FakeUserService service = new FakeUserService(ADA);

        assertThrows(UserNotFound.class, () -> new UserHandler(service, models).get(withId("GET", rawId)));

        assertEquals(List.of(), service.calls);
    }

    // --- list ---------------------------------------------------------------------------------------------

    @Test
    void list_defaults_to_limit_20_offset_0() {
        FakeUserService service = new FakeUserService(ADA);

        new UserHandler(service, models).list(query(Map.of()));

        assertEquals(List.of("list limit=20 offset=0"), service.calls);
    }

    @Test
    void list_passes_the_given_limit_and_offset_and_answers_a_page_of_user_responses() {
        FakeUserService service = new FakeUserService(ADA);
        service.page = new Page<>(List.of(ADA), 41, 5, 40);

        Response response = new UserHandler(service, models).list(query(Map.of("limit", "5", "offset", "40")));

        assertEquals(List.of("list limit=5 offset=40"), service.calls);
        assertEquals(200, response.status());
        assertEquals(new Page<>(List.of(ADA_RESPONSE), 41, 5, 40), response.body());
        String json = JsonMappers.strict().writeValueAsString(response.body());
        assertEquals(List.of("items", "total", "limit", "offset"), fieldNames(json));
        assertFalse(json.contains("password"), json);
        assertFalse(json.contains("hashed:"), json);
    }

    @Test
    void list_accepts_the_bounds() {
        FakeUserService service = new FakeUserService(ADA);
        UserHandler handler = new UserHandler(service, models);

        handler.list(query(Map.of("limit", "1", "offset", "0")));
        handler.list(query(Map.of("limit", "100", "offset", "2147483647")));

        assertEquals(List.of("list limit=1 offset=0", "list limit=100 offset=2147483647"), service.calls);
    }

    @Test
    void list_takes_the_first_of_repeated_parameters() {
        FakeUserService service = new FakeUserService(ADA);

        new UserHandler(service, models).list(new Request(Map.of(),
                Map.of("limit", List.of("7", "abc")), null, null));

        assertEquals(List.of("list limit=7 offset=0"), service.calls);
    }

    @Test
    void list_ignores_query_parameters_it_does_not_know() {
        FakeUserService service = new FakeUserService(ADA);

        new UserHandler(service, models).list(query(Map.of("limit", "5", "_", "1700000000", "sort", "name")));

        assertEquals(List.of("list limit=5 offset=0"), service.calls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", " ", "5x", "1.5", "1e2", "0x10", "99999999999", "null"})
    void list_rejects_a_limit_that_is_not_an_integer(String limit) {
        assertInvalidQuery(Map.of("limit", limit), List.of(new FieldError("limit", "must be an integer")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "101"})
    void list_rejects_a_limit_out_of_range(String limit) {
        assertInvalidQuery(Map.of("limit", limit), "limit");
    }

    @Test
    void list_rejects_an_offset_that_is_not_an_integer_or_negative() {
        assertInvalidQuery(Map.of("offset", "ten"), List.of(new FieldError("offset", "must be an integer")));
        assertInvalidQuery(Map.of("offset", "-1"), "offset");
    }

    @Test
    void list_reports_both_bad_parameters_at_once() {
        assertInvalidQuery(Map.of("limit", "abc", "offset", "xyz"),
                List.of(new FieldError("limit", "must be an integer"), new FieldError("offset", "must be an integer")));
        assertInvalidQuery(Map.of("limit", "0", "offset", "-1"), "limit", "offset");
    }

    @Test
    void list_reports_a_non_integer_and_an_out_of_range_parameter_together() {
        assertInvalidQuery(Map.of("limit", "abc", "offset", "-1"), "limit", "offset");
        assertInvalidQuery(Map.of("limit", "0", "offset", "ten"), "limit", "offset");
    }

    // --- update -------------------------------------------------------------------------------------------

    @Test
    void update_passes_id_and_present_fields_and_answers_200_with_the_user_response() {
        FakeUserService service = new FakeUserService(ADA);

        Response response = new UserHandler(service, models).update(new Request(Map.of("id", ID.toString()), Map.of(), "application/json",
                "{\"name\":\" Ada L. \"}".getBytes(StandardCharsets.UTF_8)));

        assertEquals(200, response.status());
        assertEquals(ADA_RESPONSE, response.body());
        assertEquals(List.of("update " + ID), service.calls);
        assertEquals(new UserUpdateRequest("Ada L.", null, null), service.updated);
    }

    @Test
    void update_passes_the_current_password_on_to_the_service() {
        FakeUserService service = new FakeUserService(ADA);

        new UserHandler(service, models).update(new Request(Map.of("id", ID.toString()), Map.of(), "application/json",
                "{\"password\":\"new horse battery\",\"currentPassword\":\"correct horse\"}".getBytes(StandardCharsets.UTF_8)));

        assertEquals(new UserUpdateRequest(null, null, "new horse battery", "correct horse"), service.updated);
    }

    @Test
    void update_refuses_a_role_field_as_unknown() {
        FakeUserService service = new FakeUserService(ADA);

        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> new UserHandler(service, models).update(
                new Request(Map.of("id", ID.toString()), Map.of(), "application/json",
                        "{\"role\":\"admin\"}".getBytes(StandardCharsets.UTF_8))));

        assertEquals(List.of("role"), fields(failed));
        assertEquals(List.of(), service.calls);
    }

    @Test
    void update_with_an_invalid_body_does_not_call_the_service() {
        FakeUserService service = new FakeUserService(ADA);

        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> new UserHandler(service, models).update(
                new Request(Map.of("id", ID.toString()), Map.of(), "application/json",
                        "{\"email\":\"nope\",\"password\":null}".getBytes(StandardCharsets.UTF_8))));

        assertEquals(List.of("email", "password"), fields(failed));
        assertEquals(List.of(), service.calls);
    }

    // --- delete -------------------------------------------------------------------------------------------

    @Test
    void delete_answers_204_without_a_body() {
        FakeUserService service = new FakeUserService(ADA);

        Response response = new UserHandler(service, models).delete(withId("DELETE", ID.toString()));

        assertEquals(204, response.status());
        assertNull(response.body());
        assertEquals(List.of("delete " + ID), service.calls);
    }

    @Test
    void errors_of_the_service_travel_up_unchanged() {
        FakeUserService service = new FakeUserService(ADA);
        service.failure = new UserNotFound(ID);
        UserHandler handler = new UserHandler(service, models);

        assertEquals(service.failure, assertThrows(UserNotFound.class, () -> handler.get(withId("GET", ID.toString()))));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private void assertInvalidQuery(Map<String, String> params, List<FieldError> expected) {
        FakeUserService service = new FakeUserService(ADA);

        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> new UserHandler(service, models).list(query(params)));

        assertEquals(expected, failed.errors());
        assertEquals(List.of(), service.calls);
    }

    private void assertInvalidQuery(Map<String, String> params, String... expectedFields) {
        FakeUserService service = new FakeUserService(ADA);

        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> new UserHandler(service, models).list(query(params)));

        assertEquals(List.of(expectedFields), fields(failed));
        assertEquals(List.of(), service.calls);
    }

    private static List<String> fields(ValidationFailed failed) {
        return failed.errors().stream().map(FieldError::field).toList();
    }

    private static List<String> fieldNames(String json) {
        JsonNode tree = JsonMappers.strict().readTree(json);
        return new ArrayList<>(tree.propertyNames());
    }

    // --- the response model --------------------------------------------------------------------------------

    @Test
    void a_response_model_given_to_the_handler_shapes_every_user_it_answers() {
        FakeUserService service = new FakeUserService(ADA);
        service.page = new Page<>(List.of(ADA), 1, 20, 0);
        UserHandler handler = new UserHandler(service, models, user -> "shown: " + user.name());

        assertEquals("shown: Ada", handler.get(withId("GET", ID.toString())).body());
        assertEquals(new Page<>(List.of("shown: Ada"), 1, 20, 0), handler.list(query(Map.of())).body());
        assertEquals("shown: Ada", handler.create(
                body("POST", "/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}")).body());
    }

    private static Request body(String method, String path, String json) {
        return new Request(Map.of(), Map.of(), "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static Request withId(String method, String rawId) {
        return new Request(Map.of("id", rawId), Map.of(), null, null);
    }

    private static Request query(Map<String, String> params) {
        Map<String, List<String>> query = new HashMap<>();
        params.forEach((name, value) -> query.put(name, List.of(value)));
        return new Request(Map.of(), query, null, null);
    }

    // --- conditional requests ---------------------------------------------------------------------------------

    private static Request conditional(String rawId, String header, String value, String json) {
        return new Request(Map.of("id", rawId), Map.of(), json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), Map.of(header, value));
    }

    @Test
    void get_answers_304_with_the_etag_when_if_none_match_names_the_current_version() {
        FakeUserService service = new FakeUserService(new User(ID, "Ada", "ada@example.com", "h", Role.USER, CREATED, 7));

        Response response = new UserHandler(service, models).get(conditional(ID.toString(), "If-None-Match", "\"6\", W/\"7\"", null));

        assertEquals(304, response.status());
        assertNull(response.body());
        assertEquals(Map.of("ETag", "\"7\""), response.headers());
    }

    @Test
    void get_answers_200_when_if_none_match_names_an_older_version() {
        FakeUserService service = new FakeUserService(new User(ID, "Ada", "ada@example.com", "h", Role.USER, CREATED, 7));

        Response response = new UserHandler(service, models).get(conditional(ID.toString(), "If-None-Match", "\"6\"", null));

        assertEquals(200, response.status());
        assertEquals(Map.of("ETag", "\"7\""), response.headers());
    }

    @Test
    void patch_hands_the_service_the_version_of_if_match_and_sends_the_new_etag() {
        FakeUserService service = new FakeUserService(new User(ID, "Ada", "ada@example.com", "h", Role.USER, CREATED, 4));

        Response response = new UserHandler(service, models).update(conditional(ID.toString(), "If-Match", "\"3\"", "{\"name\":\"B\"}"));

        assertEquals(List.of("update " + ID + " if version 3"), service.calls);
        assertEquals(Map.of("ETag", "\"4\""), response.headers());
    }

    @Test
    void delete_hands_the_service_the_version_of_if_match() {
        FakeUserService service = new FakeUserService(ADA);

        new UserHandler(service, models).delete(conditional(ID.toString(), "If-Match", "\"5\"", null));

        assertEquals(List.of("delete " + ID + " if version 5"), service.calls);
    }

    @Test
    void if_match_star_asks_for_no_version_and_a_weak_or_foreign_tag_for_one_no_user_has() {
        FakeUserService service = new FakeUserService(ADA);
        UserHandler handler = new UserHandler(service, models);

        handler.delete(conditional(ID.toString(), "If-Match", "*", null));
        handler.delete(conditional(ID.toString(), "If-Match", "W/\"1\"", null));
        handler.delete(conditional(ID.toString(), "If-Match", "\"abc\"", null));

        assertEquals(List.of("delete " + ID, "delete " + ID + " if version -1", "delete " + ID + " if version -1"), service.calls);
    }

    @Test
    void if_match_with_several_tags_requires_the_current_version_if_it_is_among_them() {
        FakeUserService service = new FakeUserService(new User(ID, "Ada", "ada@example.com", "h", Role.USER, CREATED, 2));
        UserHandler handler = new UserHandler(service, models);

        handler.delete(conditional(ID.toString(), "If-Match", "\"1\", \"2\"", null));
        handler.delete(conditional(ID.toString(), "If-Match", "\"3\", \"4\"", null));

        assertEquals(List.of("get " + ID, "delete " + ID + " if version 2", "get " + ID, "delete " + ID + " if version -1"),
                service.calls);
    }
}
