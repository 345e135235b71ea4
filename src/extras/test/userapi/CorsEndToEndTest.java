package userapi;

import org.junit.jupiter.api.Test;
import userapi.testing.Reply;
import userapi.testing.RunningApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CORS over HTTP on the production server: a preflight and a real request from an allowed origin, a disallowed
 * origin, and a server with CORS_ORIGINS unset, which sends no CORS header at all.
 */
class CorsEndToEndTest {
    private static final String APP = "http://app.example.test:3000";

    @Test
    void a_preflight_from_an_allowed_origin_is_told_the_routes_methods_and_headers() throws Exception {
        try (RunningApp app = RunningApp.start(1000, Map.of("CORS_ORIGINS", APP))) {
            Reply preflight = app.send("OPTIONS", "/users/123", null, null, "Origin", APP,
                    "Access-Control-Request-Method", "PATCH", "Access-Control-Request-Headers", "authorization,content-type");

            assertEquals(204, preflight.status(), preflight.body());
            assertEquals(APP, preflight.header("Access-Control-Allow-Origin"));
            assertEquals("DELETE, GET, HEAD, OPTIONS, PATCH", preflight.header("Access-Control-Allow-Methods"));
            assertEquals("Authorization, Content-Type, If-Match, If-None-Match, X-Request-Id",
                    preflight.header("Access-Control-Allow-Headers"));
            assertEquals("600", preflight.header("Access-Control-Max-Age"));
            assertEquals("Origin", preflight.header("Vary"));
            assertEquals("DELETE, GET, HEAD, OPTIONS, PATCH", preflight.header("Allow"), "the router's answer as before");
        }
    }

    @Test
    void a_real_request_from_an_allowed_origin_may_read_the_answer_and_its_headers_errors_included() throws Exception {
        try (RunningApp app = RunningApp.start(1000, Map.of("CORS_ORIGINS", "https://other.example," + APP))) {
            Reply created = app.send("POST", "/users", Reply.JSON, app.userJson("Ada", "ada@example.com", "correct horse battery"),
                    "Origin", APP);
            Reply unauthorized = app.send("GET", "/users/me", null, null, "Origin", APP);

            assertEquals(201, created.status(), created.body());
            assertEquals(APP, created.header("Access-Control-Allow-Origin"));
            assertEquals("ETag, Link, Location, Retry-After, X-Request-Id", created.header("Access-Control-Expose-Headers"));
            assertEquals("Origin", created.header("Vary"));
            assertNull(created.header("Access-Control-Allow-Credentials"), "no credentials mode");
            assertEquals(401, unauthorized.status());
            assertEquals(APP, unauthorized.header("Access-Control-Allow-Origin"), "a page can read why it was refused");
        }
    }

    @Test
    void a_disallowed_origin_gets_the_same_answer_without_any_cors_header() throws Exception {
        try (RunningApp app = RunningApp.start(1000, Map.of("CORS_ORIGINS", APP))) {
            Reply preflight = app.send("OPTIONS", "/users", null, null, "Origin", "http://evil.example.test",
                    "Access-Control-Request-Method", "GET");
            Reply health = app.send("GET", "/health", null, null, "Origin", "http://evil.example.test");

            assertEquals(204, preflight.status());
            assertEquals("GET, HEAD, OPTIONS, POST", preflight.header("Allow"));
            assertEquals(200, health.status());
            for (Reply reply : new Reply[] {preflight, health}) {
                assertTrue(reply.headers().map().keySet().stream().noneMatch(name -> name.toLowerCase().startsWith("access-control-")),
                        reply.headers().map().toString());
                assertEquals("Origin", reply.header("Vary"));
            }
        }
    }

    @Test
    void any_origin_gets_a_star() throws Exception {
        try (RunningApp app = RunningApp.start(1000, Map.of("CORS_ORIGINS", "*"))) {
            Reply health = app.send("GET", "/health", null, null, "Origin", "http://anywhere.example.test");

            assertEquals("*", health.header("Access-Control-Allow-Origin"));
            assertNull(health.header("Vary"));
        }
    }

    @Test
    void without_cors_origins_no_answer_has_a_cors_header() throws Exception {
        try (RunningApp app = RunningApp.start(1000)) {
            Reply preflight = app.send("OPTIONS", "/users", null, null, "Origin", APP, "Access-Control-Request-Method", "GET");
            Reply health = app.send("GET", "/health", null, null, "Origin", APP);

            assertEquals(204, preflight.status());
            assertEquals("GET, HEAD, OPTIONS, POST", preflight.header("Allow"));
            for (Reply reply : new Reply[] {preflight, health}) {
                assertTrue(reply.headers().map().keySet().stream().noneMatch(name -> name.toLowerCase().startsWith("access-control-")
                        || name.equalsIgnoreCase("Vary")), reply.headers().map().toString());
            }
        }
    }
}
