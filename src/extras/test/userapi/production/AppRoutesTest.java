package userapi.production;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import userapi.auth.SignIn;
import userapi.http.Router;
import userapi.testing.Reply;
import userapi.testing.RunningApp;
import userapi.testing.RunningAppExtension;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ProductionApp's own route table, read from the running server rather than copied: the API's routes, and what each
 * path allows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RunningAppExtension.class)
class AppRoutesTest {
    private RunningApp app;

    @BeforeAll
    void start(RunningApp app) throws IOException {
        this.app = app;
    }


    @Test
    void declares_exactly_the_routes_of_the_api_in_one_table() {
        assertEquals(List.of("GET /health", "GET /health/live", "GET /health/ready", "GET /metrics", "POST /auth/login",
                        "POST /auth/logout", "POST /auth/logout-all", "GET /auth/sessions", "DELETE /auth/sessions/{sessionId}",
                        "POST /auth/password-reset", "POST /auth/password-reset/confirm",
                        "POST /auth/verify-email", "POST /auth/verify-email/resend", "POST /users", "GET /users",
                        "GET /users/me", "GET /users/{id}", "PATCH /users/{id}", "DELETE /users/{id}",
                        "POST /users/{id}/disable", "POST /users/{id}/enable", "GET /audit-events",
                        "GET /reset-password", "GET /verify-email", "GET /openapi.json", "GET /docs", "GET /docs/{file}"),
                app.routes().stream().map(route -> route.method() + " " + route.template()).toList());
    }

    @Test
    void protects_every_route_but_health_metrics_login_account_recovery_sign_up_and_the_docs() {
        assertEquals(List.of("GET /health", "GET /health/live", "GET /health/ready", "GET /metrics", "POST /auth/login",
                        "POST /auth/password-reset", "POST /auth/password-reset/confirm", "POST /auth/verify-email",
                        "POST /users", "GET /reset-password", "GET /verify-email", "GET /openapi.json", "GET /docs",
                        "GET /docs/{file}"),
                app.routes().stream().filter(route -> !(route.handler() instanceof SignIn.Required))
                        .map(route -> route.method() + " " + route.template()).toList());
    }

    @Test
    void answers_every_protected_route_401_with_a_bearer_challenge_when_no_token_is_sent() throws Exception {
        for (Router.Route route : app.routes()) {
            if (route.handler() instanceof SignIn.Required) {
                String path = route.template().replace("{id}", "3f2c8a1e-0000-4000-8000-000000000001")
                        .replace("{sessionId}", "a-session");
                Reply reply = app.send(route.method(), path, null, null);

                reply.assertProblem(401, "AUTHENTICATION_REQUIRED");
                assertEquals("Bearer", reply.header("WWW-Authenticate"), route.toString());
            }
        }
    }

    @Test
    void answers_options_on_every_declared_path_with_the_methods_of_its_routes() throws Exception {
        Map<String, List<Router.Route>> byTemplate = app.routes().stream()
                .collect(Collectors.groupingBy(Router.Route::template));
        for (Map.Entry<String, List<Router.Route>> path : byTemplate.entrySet()) {
            TreeSet<String> expected = new TreeSet<>(List.of("OPTIONS"));
            for (Router.Route route : path.getValue()) { // a literal path such as /users/me is not a /users/{id}
                expected.add(route.method());
                if (route.method().equals("GET")) {
                    expected.add("HEAD");
                }
            }
            String concrete = path.getKey().replace("{id}", "3f2c8a1e-0000-4000-8000-000000000001")
                    .replace("{file}", "swagger-ui.css").replace("{sessionId}", "a-session");

            Reply reply = app.send("OPTIONS", concrete, null, null);

            assertEquals(204, reply.status(), concrete);
            assertEquals(String.join(", ", expected), reply.header("Allow"), concrete);
        }
    }

}
