package userapi.auth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import userapi.http.EdgeFilter;
import userapi.http.Handler;
import userapi.http.JsonBodyWriter;
import userapi.http.JsonMappers;
import userapi.http.LogCapture;
import userapi.http.Request;
import userapi.http.Response;
import userapi.http.Router;
import userapi.http.TestServer;
import userapi.model.Role;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests of SignIn, the handler decorator: the caller its bearer token proves reaches the handler; no token, another
 * scheme or a refused token is a 401 before the handler runs or the body is read; on a real server behind the
 * EdgeFilter, the 401 carries its challenge and the access line names the caller, never the token.
 */
class SignInTest {
    private static final String GOOD_TOKEN = "g".repeat(43);
    private static final Caller ADA = new Caller(new UUID(0, 1), Role.USER, "hash-of-good");

    /** Knows one token; records every token it was asked about. */
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final SignIn signIn = new SignIn(token -> {
        asked.add(token);
        return token.equals(GOOD_TOKEN) ? Optional.of(ADA) : Optional.empty();
    });
    private final List<Caller> handled = new CopyOnWriteArrayList<>();
    private final AtomicInteger bodyReads = new AtomicInteger();
    private final Handler me = signIn.required((request, caller) -> {
        handled.add(caller);
        return Response.noContent();
    });

    private final JsonMapper mapper = JsonMappers.strict();
    private final JsonBodyWriter writer = new JsonBodyWriter(mapper);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final LogCapture logs = LogCapture.attach(EdgeFilter.class);
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        client.close();
        logs.close();
    }

    /** A request with this Authorization header (null: none) whose body counts its reads. */
    private Request request(String authorization) {
        return new Request(Map.of(), Map.of(), "application/json", () -> {
            bodyReads.incrementAndGet();
            return "{}".getBytes(StandardCharsets.UTF_8);
        }, authorization == null ? Map.of() : Map.of(SignIn.AUTHORIZATION, authorization), "192.0.2.1");
    }

    @Test
    void a_protected_handler_gets_the_caller_its_bearer_token_proves_calling_from_the_requests_address() {
        Response response = me.handle(request("Bearer " + GOOD_TOKEN));

        assertEquals(204, response.status());
        assertEquals(List.of(ADA.from("192.0.2.1")), handled);
    }

    @Test
    void the_scheme_is_case_insensitive() {
        me.handle(request("bearer " + GOOD_TOKEN));

        assertEquals(List.of(ADA.from("192.0.2.1")), handled);
    }

    @Test
    void no_authorization_header_is_401_without_an_error_code_and_reads_no_body() {
        AuthenticationRequired rejected = assertThrows(AuthenticationRequired.class, () -> me.handle(request(null)));

        assertFalse(rejected.tokenRefused());
        assertEquals(0, bodyReads.get());
        assertEquals(List.of(), handled);
        assertEquals(List.of(), asked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic YWRhOmNvcnJlY3QgaG9yc2U=", "Token abc", "", "BearerX abc"})
    void another_scheme_is_no_token_at_all(String header) {
        AuthenticationRequired rejected = assertThrows(AuthenticationRequired.class, () -> me.handle(request(header)));

        assertFalse(rejected.tokenRefused());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer Echo-Me", "Bearer ggg", "Bearer  Echo Me"})
    void a_bearer_token_the_authenticator_refuses_is_an_invalid_token(String header) {
        AuthenticationRequired rejected = assertThrows(AuthenticationRequired.class, () -> me.handle(request(header)));

        assertTrue(rejected.tokenRefused());
        assertEquals(List.of(), handled);
        assertEquals(0, bodyReads.get());
        assertFalse(rejected.getMessage().contains("Echo"), "the detail does not echo the token");
    }

    @Test
    void two_authorization_headers_are_an_invalid_token_even_if_one_is_good() {
        // the Router joins a header sent twice with ", ", as RFC 9110 allows for a list
        AuthenticationRequired rejected = assertThrows(AuthenticationRequired.class,
                () -> me.handle(request("Bearer " + GOOD_TOKEN + ", Bearer " + GOOD_TOKEN)));

        assertTrue(rejected.tokenRefused());
        assertEquals(List.of(), asked);
    }

    @Test
    void the_route_table_shows_which_routes_need_a_token() {
        Router router = new Router(writer, 1024, List.of(SignIn.AUTHORIZATION))
                .get("/health", request -> Response.noContent())
                .get("/users/me", me);

        assertFalse(router.routes().get(0).handler() instanceof SignIn.Required);
        assertTrue(router.routes().get(1).handler() instanceof SignIn.Required);
    }

    private void serve(Router router) {
        server = TestServer.start(router, List.of(new EdgeFilter(writer)));
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Router table() {
        return new Router(writer, 1024, List.of(SignIn.AUTHORIZATION))
                .get("/users/me", me)
                .get("/health", request -> Response.noContent());
    }

    @Test
    void an_unknown_path_is_404_before_any_authentication() throws Exception {
        serve(table());

        assertEquals(404, get("/nope", "Bearer " + GOOD_TOKEN).statusCode());
        assertEquals(List.of(), asked);
    }

    @Test
    void challenges_a_request_without_a_token_with_a_bare_bearer_and_a_refused_one_with_invalid_token() throws Exception {
        serve(table());

        HttpResponse<String> none = get("/users/me", null);
        HttpResponse<String> refused = get("/users/me", "Bearer " + "x".repeat(43));

        assertEquals(401, none.statusCode());
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(none.body().contains("\"code\":\"AUTHENTICATION_REQUIRED\""), none.body());
        assertEquals(401, refused.statusCode());
        assertEquals("Bearer error=\"invalid_token\"", refused.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void names_the_caller_in_the_access_line_never_the_token() throws Exception {
        serve(table());

        String signedIn = get("/users/me", "Bearer " + GOOD_TOKEN).headers().firstValue("X-Request-Id").orElseThrow();
        String anonymous = get("/health", null).headers().firstValue("X-Request-Id").orElseThrow();
        logs.await(c -> c.level() == Level.INFO && c.line().contains("[" + signedIn + "]"));
        logs.await(c -> c.level() == Level.INFO && c.line().contains("[" + anonymous + "]"));

        List<LogCapture.Captured> access = new ArrayList<>(logs.from(EdgeFilter.class, Level.INFO));
        assertTrue(access.stream().anyMatch(c -> c.message().matches("GET /users/me 204 \\d+\\.\\d{3}ms client=\\S+ user=" + ADA.userId())),
                access.toString());
        assertTrue(access.stream().anyMatch(c -> c.message().matches("GET /health 204 \\d+\\.\\d{3}ms client=\\S+")), access.toString());
        assertTrue(access.stream().noneMatch(c -> c.line().contains(GOOD_TOKEN)), "the token reached a log line");
    }

    @Test
    void the_sign_in_errors_have_their_status_code_and_title() {
        assertEquals(401, new AuthenticationRequired(false).code().status());
        assertEquals("INVALID_CREDENTIALS", new InvalidCredentials().code().name());
        assertEquals(401, new InvalidCredentials().code().status());
        assertEquals(403, new Forbidden().code().status());
        assertEquals("CURRENT_PASSWORD_INCORRECT", new CurrentPasswordIncorrect().code().name());
        assertEquals("Too many login attempts", new TooManyLoginAttempts(42).code().title());
        assertEquals(Map.of("Retry-After", "577"), new TooManyLoginAttempts(577).headers());
        assertEquals(Map.of(), new InvalidCredentials().headers(), "no challenge with a wrong password");
    }
}
