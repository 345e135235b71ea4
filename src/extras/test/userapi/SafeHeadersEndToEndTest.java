package userapi;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import userapi.testing.Reply;
import userapi.testing.RunningApp;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every class of answer carries X-Content-Type-Options: nosniff, and Cache-Control: no-store unless it is the
 * documentation, which carries nobody's data and says how long it may be kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SafeHeadersEndToEndTest {
    private RunningApp app;
    private String userId;
    private String token;

    @BeforeAll
    void start() throws Exception {
        app = RunningApp.start(1000);
        userId = app.createUserId("Ada", "ada@example.com");
        app.signInAsAdmin();
        token = app.logIn(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "GET     | /health                | 200 | no-store",
            "GET     | /health/live           | 200 | no-store",
            "GET     | /metrics               | 200 | no-store",
            "GET     | /users                 | 200 | no-store",
            "GET     | /users/me              | 200 | no-store",
            "GET     | /users/{id}            | 200 | no-store",
            "HEAD    | /users/{id}            | 200 | no-store",
            "GET     | /auth/sessions         | 200 | no-store",
            "GET     | /audit-events          | 200 | no-store",
            "GET     | /verify-email          | 200 | no-store",
            "OPTIONS | /users                 | 204 | no-store",
            "GET     | /nope                  | 404 | no-store",
            "GET     | /users/00000000-0000-0000-0000-000000000000 | 404 | no-store",
            "PUT     | /users                 | 405 | no-store",
            "GET     | /users?limit=0         | 422 | no-store",
            "GET     | /openapi.json          | 200 | no-cache",
            "GET     | /docs                  | 200 | no-cache",
            "GET     | /docs/favicon-16x16.png | 200 | no-cache"})
    void every_answer_is_nosniff_and_only_the_documentation_may_be_cached(String method, String template, int status,
                                                                          String cacheControl) throws Exception {
        Reply reply = app.send(method, template.replace("{id}", userId), null, null, "Authorization", "Bearer " + token);

        assertEquals(status, reply.status(), reply.body());
        assertEquals("nosniff", reply.header("X-Content-Type-Options"));
        assertEquals(cacheControl, reply.header("Cache-Control"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POST | /auth/login | {\"email\":\"ada@example.com\",\"password\":\"correct horse\"}         | 200",
            "POST | /users      | {\"name\":\"Bo\",\"email\":\"bo@example.com\",\"password\":\"correct horse battery\"} | 201",
            "POST | /users      | {\"name\":\"\"}                                                          | 422",
            "GET  | /users/me   |                                                                          | 401"})
    void tokens_new_users_and_refusals_are_never_stored(String method, String path, String body, int status) throws Exception {
        Reply reply = app.send(method, path, body == null ? null : Reply.JSON, body, "Authorization", "");

        assertEquals(status, reply.status(), reply.body());
        assertEquals("nosniff", reply.header("X-Content-Type-Options"));
        assertEquals("no-store", reply.header("Cache-Control"));
    }
}
