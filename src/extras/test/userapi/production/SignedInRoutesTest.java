package userapi.production;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import userapi.App;
import userapi.account.AccountHandler;
import userapi.account.AccountPages;
import userapi.account.AccountService;
import userapi.account.AccountStatusHandler;
import userapi.account.AccountStatusService;
import userapi.account.InMemoryDisabledAccounts;
import userapi.audit.UnitOfWork;
import userapi.audit.AuditHandler;
import userapi.audit.AuditLog;
import userapi.audit.AuditTrail;
import userapi.audit.InMemoryAuditStore;
import userapi.auth.AccountDeletion;
import userapi.auth.AuthHandler;
import userapi.auth.AuthService;
import userapi.auth.Caller;
import userapi.auth.InMemoryTokenRepository;
import userapi.auth.IssuedToken;
import userapi.auth.LoginRequest;
import userapi.auth.SessionHandler;
import userapi.auth.Sessions;
import userapi.auth.SignIn;
import userapi.auth.StoredToken;
import userapi.handler.HealthHandler;
import userapi.handler.UserHandler;
import userapi.directory.InMemoryUserDirectory;
import userapi.directory.UserList;
import userapi.directory.UserListHandler;
import userapi.http.JsonBodyWriter;
import userapi.http.JsonMappers;
import userapi.http.ModelReader;
import userapi.http.Router;
import userapi.http.TestServer;
import userapi.limits.SignUpLimit;
import userapi.metrics.Metrics;
import userapi.metrics.MetricsHandler;
import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserResponse;
import userapi.model.UserUpdateRequest;
import userapi.openapi.ApiDocs;
import userapi.repository.InMemoryUserRepository;
import userapi.service.UserService;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ProductionApp's route table on a real server, over a fake user service: a signed-in route runs the core's
 * UserHandler over the service as the authenticated caller sees it, and /users/me is the get of the caller's own id.
 */
class SignedInRoutesTest {
    private static final String ADA_TOKEN = "a".repeat(43);
    private static final UUID ADA_ID = UUID.fromString("3f2b8c4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f");
    private static final User ADA = new User(ADA_ID, "Ada", "ada@example.com", "hashed:correct horse", Role.USER,
            Instant.parse("2024-05-01T10:15:30.123Z"));
    private static final Caller ADA_CALLER = new Caller(ADA_ID, Role.USER, "hash-of-adas-token");
    /** Ada as sign-in hands her to a handler: calling from the test's loopback address. */
    private static final Caller ADA_FROM_HERE = ADA_CALLER.from("127.0.0.1");
    private static final UUID BOB_ID = new UUID(0, 2);

    /** The user service behind every handler: records each call, answers Ada. */
    private static final class RecordingUserService implements UserService {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public User create(UserCreateRequest request) {
            calls.add("create");
            return ADA;
        }

        @Override
        public User get(UUID id) {
            calls.add("get " + id);
            return ADA;
        }

        @Override
        public Page<User> list(int limit, int offset) {
            calls.add("list limit=" + limit + " offset=" + offset);
            return new Page<>(List.of(ADA), 1, limit, offset);
        }

        @Override
        public User update(UUID id, UserUpdateRequest request, OptionalLong expectedVersion) {
            calls.add("update " + id);
            return ADA;
        }

        @Override
        public void delete(UUID id, OptionalLong expectedVersion) {
            calls.add("delete " + id);
        }
    }

    /** Not under test: no route here logs in or out. */
    private static final class UnusedAuthService implements AuthService {
        @Override
        public IssuedToken login(LoginRequest request, String clientAddress) {
            throw new AssertionError("login is not under test");
        }

        @Override
        public void logout(Caller caller) {
            throw new AssertionError("logout is not under test");
        }
    }

    /** Records whose verification mail was asked for again; nothing else of it is under test. */
    private static final class RecordingAccountService implements AccountService {
        final List<UUID> resentFor = new CopyOnWriteArrayList<>();

        @Override
        public void requestPasswordReset(String email) {
            throw new AssertionError("not under test");
        }

        @Override
        public void resetPassword(String token, String newPassword) {
            throw new AssertionError("not under test");
        }

        @Override
        public void verifyEmail(String token) {
            throw new AssertionError("not under test");
        }

        @Override
        public void resendVerification(UUID userId) {
            resentFor.add(userId);
        }

        @Override
        public boolean isVerified(User user) {
            throw new AssertionError("not under test");
        }
    }

    private final JsonMapper mapper = JsonMappers.strict();
    private final JsonBodyWriter writer = new JsonBodyWriter(mapper);
    private final ValidatorFactory validation = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private final ModelReader models = new ModelReader(mapper, validation.getValidator());
    private final RecordingUserService service = new RecordingUserService();
    private final RecordingAccountService accounts = new RecordingAccountService();
    /** The callers a signed-in handler was built for, in order. */
    private final List<Caller> handlersBuiltFor = new CopyOnWriteArrayList<>();
    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository();
    private final TestServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    SignedInRoutesTest() {
        SignIn signIn = new SignIn(token -> token.equals(ADA_TOKEN) ? Optional.of(ADA_CALLER) : Optional.empty());
        Function<Caller, UserHandler> asCaller = caller -> {
            handlersBuiltFor.add(caller);
            return new UserHandler(service, models);
        };
        Router router = ProductionApp.routes(new Router(writer, App.MAX_BODY_BYTES, List.of(SignIn.AUTHORIZATION)),
                new UserHandler(service, models), new SignUpLimit(0, 1, Clock.systemUTC()), asCaller,
                new AccountDeletion(asCaller, (caller, currentPassword) -> asCaller.apply(caller), models),
                signIn, new AuthHandler(new UnusedAuthService(), models),
                new SessionHandler(new Sessions(tokens, Clock.systemUTC(), AuditLog.NONE, UnitOfWork.DIRECT)),
                new AccountStatusHandler(new AccountStatusService(new InMemoryUserRepository(), tokens,
                        new InMemoryDisabledAccounts(new InMemoryUserRepository()), Clock.systemUTC(), AuditLog.NONE,
                        UnitOfWork.DIRECT), UserResponse::from),
                new AccountHandler(accounts, models),
                AccountPages.load(), new HealthHandler(() -> true, () -> false),
                new MetricsHandler(new Metrics(() -> 0, 1, () -> 0)), ApiDocs.load(),
                new AuditHandler(new AuditTrail(new InMemoryAuditStore()), models),
                new UserListHandler(new UserList(new InMemoryUserDirectory(new InMemoryUserRepository(),
                        new InMemoryDisabledAccounts(new InMemoryUserRepository()))), models,
                page -> page.stream().map(UserResponse::from).toList()));
        server = TestServer.withAppFilters(router, writer);
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
        validation.close();
    }

    private HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + ADA_TOKEN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void users_me_answers_the_callers_own_user_as_the_get_of_their_id() throws Exception {
        HttpResponse<String> response = send("GET", "/users/me", null);

        assertEquals(200, response.statusCode());
        assertEquals(mapper.valueToTree(UserResponse.from(ADA)), mapper.readTree(response.body()));
        assertEquals(List.of("get " + ADA_ID), service.calls);
        assertEquals(List.of(ADA_FROM_HERE), handlersBuiltFor);
    }

    @Test
    void every_signed_in_user_route_runs_its_handler_as_the_authenticated_caller() throws Exception {
        assertEquals(200, send("GET", "/users/" + BOB_ID, null).statusCode());
        assertEquals(200, send("PATCH", "/users/" + BOB_ID, "{\"name\":\"Bob B.\"}").statusCode());
        assertEquals(204, send("DELETE", "/users/" + BOB_ID, null).statusCode());

        assertEquals(List.of("get " + BOB_ID, "update " + BOB_ID, "delete " + BOB_ID), service.calls);
        assertEquals(List.of(ADA_FROM_HERE, ADA_FROM_HERE, ADA_FROM_HERE), handlersBuiltFor);
    }

    @Test
    void a_new_verification_mail_is_asked_for_the_signed_in_caller_only() throws Exception {
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(server.uri("/auth/verify-email/resend"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> signedIn = send("POST", "/auth/verify-email/resend", null);

        assertEquals(401, anonymous.statusCode());
        assertEquals(202, signedIn.statusCode());
        assertEquals(List.of(ADA_ID), accounts.resentFor);
    }

    @Test
    void the_session_routes_see_and_end_the_callers_own_sessions_only() throws Exception {
        Instant now = Instant.now();
        tokens.insert(new StoredToken(ADA_CALLER.tokenHash(), ADA_ID, now, now.plusSeconds(60)));
        tokens.insert(new StoredToken("hash-of-bobs-token", UUID.randomUUID(), now, now.plusSeconds(60)));

        HttpResponse<String> listed = send("GET", "/auth/sessions", null);
        String handle = mapper.readTree(listed.body()).get("items").get(0).get("id").asString();

        assertEquals(200, listed.statusCode());
        assertEquals(1, mapper.readTree(listed.body()).get("items").size());
        assertEquals(404, send("DELETE", "/auth/sessions/" + new StoredToken("hash-of-bobs-token", ADA_ID, now, now).handle(),
                null).statusCode());
        assertEquals(204, send("DELETE", "/auth/sessions/" + handle, null).statusCode());
        assertEquals(List.of(), tokens.findValidOf(ADA_ID, now));
    }

    @Test
    void a_sign_up_runs_without_a_caller() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(201, response.statusCode());
        assertEquals(List.of("create"), service.calls);
        assertEquals(List.of(), handlersBuiltFor);
    }

    @Test
    void a_request_without_a_valid_token_reaches_no_handler() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/users/me"))
                .header("Authorization", "Bearer " + "b".repeat(43)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(401, response.statusCode());
        assertEquals(List.of(), service.calls);
        assertEquals(List.of(), handlersBuiltFor);
    }
}
