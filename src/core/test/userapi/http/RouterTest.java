package userapi.http;

import userapi.exception.RejectedRequest;
import userapi.exception.RejectedRequest.Reason;
import static userapi.testing.Rejections.assertRejected;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import userapi.exception.ValidationFailed;
import userapi.model.Role;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unit tests of Router: matching, path parameters, 404 against 405, HEAD and OPTIONS, query parsing, all through
 * the exchange-free route(...) core; a few through a real server for what only handle(...) does (body, limits).
 */
class RouterTest {
    private static final int MAX_BODY = 32;

    private final JsonMapper mapper = JsonMappers.strict();
    private final JsonBodyWriter writer = new JsonBodyWriter(mapper);
    /** Every request a handler of this test received, in order. */
    private final List<Request> handled = new CopyOnWriteArrayList<>(); // server tests add from server threads
    private final AtomicInteger bodyReads = new AtomicInteger();
    /** Failures that reached the recording filter of the server tests, which stands in for EdgeFilter. */
    private final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
    private TestServer server;
    private HttpClient client;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private Handler recording(String name) {
        return request -> {
            handled.add(request);
            return Response.ok(Map.of("handler", name));
        };
    }

    /** A table shaped like App's (AppRoutesTest checks App's own), each handler answering its own name. */
    private Router usersRouter() {
        return new Router(writer, MAX_BODY)
                .get("/health", recording("health"))
                .post("/users", recording("create"))
                .get("/users", recording("list"))
                .get("/users/{id}", recording("get"))
                .patch("/users/{id}", recording("update"))
                .delete("/users/{id}", recording("delete"));
    }

    /** Stands in for reading the exchange: counts reads, so a test can see that a 404 or 405 never read the body. */
    private Router.RequestReader reader(String method, String path) {
        return pathParams -> {
            bodyReads.incrementAndGet();
            return new Request(pathParams, Map.of(), "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        };
    }

    private Response route(Router router, String method, String path) throws IOException {
        return router.route(method, path, reader(method, path));
    }

    private static Object handlerName(Response response) {
        return ((Map<?, ?>) response.body()).get("handler");
    }

    @Test
    void matches_an_exact_path() throws IOException {
        Response response = route(usersRouter(), "GET", "/health");

        assertEquals(200, response.status());
        assertEquals("health", handlerName(response));
        assertEquals(Map.of(), handled.getFirst().pathParams());
    }

    @Test
    void picks_the_handler_by_method_on_the_same_path() throws IOException {
        Router router = usersRouter();

        assertEquals("list", handlerName(route(router, "GET", "/users")));
        assertEquals("create", handlerName(route(router, "POST", "/users")));
        assertEquals("get", handlerName(route(router, "GET", "/users/42")));
        assertEquals("update", handlerName(route(router, "PATCH", "/users/42")));
        assertEquals("delete", handlerName(route(router, "DELETE", "/users/42")));
    }

    @Test
    void extracts_a_path_parameter_from_a_template() throws IOException {
        route(usersRouter(), "GET", "/users/3f2c8a1e-0000-4000-8000-000000000001");

        assertEquals(Map.of("id", "3f2c8a1e-0000-4000-8000-000000000001"), handled.getFirst().pathParams());
        assertEquals("3f2c8a1e-0000-4000-8000-000000000001", handled.getFirst().pathParam("id"));
    }

    @Test
    void percent_decodes_path_parameters_as_utf8_and_keeps_a_plus_sign() throws IOException {
        Router router = usersRouter();

        route(router, "GET", "/users/a%20b");
        route(router, "GET", "/users/%EA%B9%80%C3%A9");
        route(router, "GET", "/users/a+b");
        route(router, "GET", "/users/a%2Fb");

        assertEquals(List.of("a b", "김é", "a+b", "a/b"),
                handled.stream().map(r -> r.pathParam("id")).toList());
    }

    @Test
    void prefers_a_literal_segment_over_a_template_whatever_the_declaration_order() throws IOException {
        Router router = new Router(writer, MAX_BODY)
                .get("/users/{id}", recording("get"))
                .patch("/users/{id}", recording("update"))
                .get("/users/me", recording("me"));

        assertEquals("me", handlerName(route(router, "GET", "/users/me")));
        assertEquals("get", handlerName(route(router, "GET", "/users/42")));
        RejectedRequest patchMe = assertRejected(Reason.METHOD_NOT_ALLOWED, () -> route(router, "PATCH", "/users/me"));
        assertEquals(List.of("GET", "HEAD", "OPTIONS"), patchMe.allowedMethods());
        assertEquals(Map.of("Allow", "GET, HEAD, OPTIONS"), route(router, "OPTIONS", "/users/me").headers());
    }

    @Test
    void extracts_several_path_parameters() throws IOException {
        Router router = new Router(writer, MAX_BODY).get("/teams/{team}/members/{member}", recording("member"));

        route(router, "GET", "/teams/red/members/7");

        assertEquals(Map.of("team", "red", "member", "7"), handled.getFirst().pathParams());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/users/", "/usersX", "/users/42/", "/users/42/x", "//users", "/Users", "/", "/nothing",
            "/health/", "/users//", "users", ""})
    void does_not_match_a_path_that_only_resembles_a_route(String path) {
        Router router = usersRouter();

        assertRejected(Reason.NOT_FOUND, () -> route(router, "GET", path));
        assertTrue(handled.isEmpty());
    }

    @Test
    void treats_a_bad_percent_escape_in_the_path_as_not_found() {
        assertRejected(Reason.NOT_FOUND, () -> route(usersRouter(), "GET", "/users/%zz"));
        assertRejected(Reason.NOT_FOUND, () -> route(usersRouter(), "GET", "/users/%"));
    }

    @Test
    void answers_an_unknown_path_with_route_not_found_for_any_method() {
        Router router = usersRouter();

        for (String method : List.of("GET", "POST", "HEAD", "OPTIONS", "DELETE")) {
            assertRejected(Reason.NOT_FOUND, () -> route(router, method, "/orders"));
        }
    }

    @Test
    void answers_a_known_path_with_another_method_with_method_not_allowed_listing_the_allowed_methods() {
        Router router = usersRouter();

        RejectedRequest onCollection = assertRejected(Reason.METHOD_NOT_ALLOWED, () -> route(router, "PUT", "/users"));
        RejectedRequest onItem = assertRejected(Reason.METHOD_NOT_ALLOWED, () -> route(router, "POST", "/users/42"));
        RejectedRequest onHealth = assertRejected(Reason.METHOD_NOT_ALLOWED, () -> route(router, "DELETE", "/health"));

        assertEquals(List.of("GET", "HEAD", "OPTIONS", "POST"), onCollection.allowedMethods());
        assertEquals(List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH"), onItem.allowedMethods());
        assertEquals(List.of("GET", "HEAD", "OPTIONS"), onHealth.allowedMethods());
    }

    @Test
    void offers_head_only_where_get_exists() {
        Router router = new Router(writer, MAX_BODY).post("/events", recording("post"));

        RejectedRequest notAllowed = assertRejected(Reason.METHOD_NOT_ALLOWED, () -> route(router, "HEAD", "/events"));

        assertEquals(List.of("OPTIONS", "POST"), notAllowed.allowedMethods());
    }

    @Test
    void matches_methods_case_sensitively() {
        RejectedRequest notAllowed = assertRejected(Reason.METHOD_NOT_ALLOWED, () -> route(usersRouter(), "get", "/health"));

        assertEquals(List.of("GET", "HEAD", "OPTIONS"), notAllowed.allowedMethods());
    }

    @Test
    void answers_options_with_204_and_allow_without_calling_a_handler_or_reading_the_body() throws IOException {
        Response response = route(usersRouter(), "OPTIONS", "/users/42");

        assertEquals(204, response.status());
        assertNull(response.body());
        assertEquals(Map.of("Allow", "DELETE, GET, HEAD, OPTIONS, PATCH"), response.headers());
        assertTrue(handled.isEmpty());
        assertEquals(0, bodyReads.get());
    }

    @Test
    void dispatches_head_to_the_get_handler() throws IOException {
        Response response = route(usersRouter(), "HEAD", "/users/42");

        assertEquals("get", handlerName(response));
        assertEquals(Map.of("id", "42"), handled.getFirst().pathParams());
    }

    @Test
    void never_reads_the_body_for_a_404_or_a_405() {
        Router router = usersRouter();

        assertRejected(Reason.NOT_FOUND, () -> route(router, "POST", "/nothing"));
        assertRejected(Reason.METHOD_NOT_ALLOWED, () -> route(router, "POST", "/users/42"));

        assertEquals(0, bodyReads.get());
        assertTrue(handled.isEmpty());
    }

    @Test
    void reads_the_body_once_for_a_matched_route() throws IOException {
        route(usersRouter(), "POST", "/users");

        assertEquals(1, bodyReads.get());
    }

    @Test
    void lets_a_failure_of_the_reader_or_the_handler_through_unchanged() {
        RejectedRequest tooLarge = new RejectedRequest(Reason.PAYLOAD_TOO_LARGE, "The request body is larger than " + MAX_BODY + " bytes.");
        IllegalStateException bug = new IllegalStateException("bug");
        Router router = new Router(writer, MAX_BODY).get("/bug", request -> {
            throw bug;
        }).post("/upload", recording("upload"));

        assertSame(tooLarge, assertRejected(Reason.PAYLOAD_TOO_LARGE, () -> router.route("POST", "/upload", params -> {
            throw tooLarge;
        })));
        assertSame(bug, assertThrows(IllegalStateException.class, () -> route(router, "GET", "/bug")));
    }

    @Test
    void names_the_template_a_request_is_counted_under_never_its_raw_path() {
        Router router = usersRouter().get("/users/me", recording("me"));

        assertEquals("/users/{id}", router.templateOf("DELETE", "/users/123"));
        assertEquals("/users/me", router.templateOf("GET", "/users/me"), "a literal segment wins here too");
        assertEquals("/users", router.templateOf("PUT", "/users"), "a 405 is counted under its path's route");
        assertEquals("/users/{id}", router.templateOf("HEAD", "/users/123"));
        assertNull(router.templateOf("GET", "/nope"));
        assertNull(router.templateOf("GET", "/users/%zz"));
    }

    @Test
    void lists_the_methods_a_path_answers_as_options_does_and_none_for_an_unknown_path() {
        Router router = usersRouter().get("/users/me", recording("me"));

        assertEquals(List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH"), router.allowedMethods("/users/123"));
        assertEquals(List.of("GET", "HEAD", "OPTIONS"), router.allowedMethods("/users/me"), "a literal segment wins here too");
        assertEquals(List.of("GET", "HEAD", "OPTIONS", "POST"), router.allowedMethods("/users"));
        assertEquals(List.of(), router.allowedMethods("/nope"));
        assertEquals(List.of(), router.allowedMethods("/users/%zz"));
        assertEquals(List.of(), router.allowedMethods("*"));
    }

    @Test
    void parses_a_query_with_repeated_parameters_and_missing_values() {
        Map<String, List<String>> query = Router.parseQuery("limit=10&tag=a&tag=b&flag&empty=&&x=1=2");

        assertEquals(Map.of("limit", List.of("10"), "tag", List.of("a", "b"), "flag", List.of(""), "empty", List.of(""),
                "x", List.of("1=2")), query);
    }

    @Test
    void percent_decodes_query_names_and_values_as_utf8_with_plus_as_space() {
        Map<String, List<String>> query = Router.parseQuery("na%6De=%EA%B9%80+%C3%A9&q=a%2Bb");

        assertEquals(Map.of("name", List.of("김 é"), "q", List.of("a+b")), query);
    }

    @Test
    void parses_a_missing_or_empty_query_as_no_parameters() {
        assertEquals(Map.of(), Router.parseQuery(null));
        assertEquals(Map.of(), Router.parseQuery(""));
        assertEquals(Map.of(), Router.parseQuery("&&"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=%zz", "limit=%", "limit=%4", "%G1=1", "a=1&b=%E"})
    void rejects_bad_percent_encoding_in_the_query_as_a_validation_failure(String rawQuery) {
        ValidationFailed failure = assertThrows(ValidationFailed.class, () -> Router.parseQuery(rawQuery));

        assertEquals("query", failure.errors().getFirst().field());
        assertEquals(1, failure.errors().size());
    }

    // --- handle(exchange): what only the real exchange can show -------------------------------------------

    /** Serves the router behind a filter that hands any failure to the test and answers 599: the Router alone. */
    private void serve(Router router) {
        Filter recordFailures = new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                try {
                    chain.doFilter(exchange);
                } catch (Throwable failure) {
                    failures.add(failure);
                    exchange.sendResponseHeaders(599, -1);
                    exchange.close();
                }
            }

            @Override
            public String description() {
                return "records failures for RouterTest";
            }
        };
        server = TestServer.start(router, List.of(recordFailures));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void hands_the_handler_method_raw_path_params_query_content_type_and_body_and_writes_its_answer_as_json()
            throws IOException, InterruptedException {
        AtomicReference<Request> seen = new AtomicReference<>();
        serve(new Router(writer, MAX_BODY).post("/things/{name}", request -> {
            request.body(); // read while the exchange is open, as ModelReader does
            seen.set(request);
            return Response.created("/things/1", Map.of("ok", true));
        }));

        HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri("/things/a%20b?tag=x&tag=y"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"k\":\"김\"}", StandardCharsets.UTF_8)).build());

        assertEquals(201, response.statusCode());
        assertEquals("/things/1", response.headers().firstValue("Location").orElseThrow());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(true, mapper.readTree(response.body()).get("ok").asBoolean());
        Request request = seen.get();
        assertEquals(Map.of("name", "a b"), request.pathParams());
        assertEquals(Map.of("tag", List.of("x", "y")), request.query());
        assertEquals("application/json; charset=utf-8", request.contentType());
        assertEquals("{\"k\":\"김\"}", new String(request.body(), StandardCharsets.UTF_8));
        assertTrue(failures.isEmpty());
    }

    @Test
    void accepts_a_body_of_exactly_the_limit() throws IOException, InterruptedException {
        AtomicReference<byte[]> seen = new AtomicReference<>();
        serve(new Router(writer, MAX_BODY).post("/upload", request -> {
            seen.set(request.body()); // read while the exchange is open: a handler reads its body when it needs it
            return Response.noContent();
        }));

        HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri("/upload"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(MAX_BODY))).build());

        assertEquals(204, response.statusCode());
        assertEquals(MAX_BODY, seen.get().length);
    }

    @Test
    void refuses_a_declared_body_over_the_limit_without_calling_the_handler() throws IOException, InterruptedException {
        serve(new Router(writer, MAX_BODY).post("/upload", recording("upload")));

        HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri("/upload"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(MAX_BODY + 1))).build());

        assertEquals(599, response.statusCode());
        assertEquals(Reason.PAYLOAD_TOO_LARGE, ((RejectedRequest) failures.poll()).reason());
        assertTrue(handled.isEmpty());
    }

    @Test
    void refuses_a_chunked_body_over_the_limit_without_calling_the_handler() throws IOException, InterruptedException {
        serve(new Router(writer, MAX_BODY).post("/upload", recording("upload")));
        byte[] body = "x".repeat(MAX_BODY + 1).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri("/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

        assertEquals(599, response.statusCode());
        assertEquals(Reason.PAYLOAD_TOO_LARGE, ((RejectedRequest) failures.poll()).reason());
        assertTrue(handled.isEmpty());
    }

    @Test
    void answers_head_with_the_get_handlers_headers_and_no_body() throws IOException, InterruptedException {
        serve(new Router(writer, MAX_BODY).get("/health", request -> Response.ok(Map.of("status", "ok"))));

        HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri("/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("", response.body());
    }

    @Test
    void answers_options_with_204_and_the_allow_header() throws IOException, InterruptedException {
        serve(usersRouter());

        HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri("/users"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(204, response.statusCode());
        assertEquals("GET, HEAD, OPTIONS, POST", response.headers().firstValue("Allow").orElseThrow());
        assertTrue(response.headers().firstValue("Content-Type").isEmpty());
    }

    @Test
    void writes_any_body_object_the_handler_returns_as_json() throws IOException, InterruptedException {
        serve(new Router(writer, MAX_BODY).get("/list", request -> Response.ok(List.of(1, 2, 3))));

        JsonNode body = mapper.readTree(send(HttpRequest.newBuilder(server.uri("/list")).GET().build()).body());

        assertEquals("[1,2,3]", body.toString());
    }
}
