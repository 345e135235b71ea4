package userapi.browser;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CORS decision alone, with a route table that knows one path. */
class CorsPolicyTest {
    private static final String APP = "https://app.example.com";

    private static List<String> methods(String rawPath) {
        return rawPath.equals("/users/1") ? List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH") : List.of();
    }

    private static CorsPolicy policy(String origins) {
        return new CorsPolicy(CorsOrigins.parse(origins), CorsPolicyTest::methods);
    }

    @Test
    void answers_a_preflight_from_an_allowed_origin_with_the_paths_methods_the_headers_and_a_max_age() {
        assertEquals(Map.of("Access-Control-Allow-Origin", APP,
                        "Access-Control-Allow-Methods", "DELETE, GET, HEAD, OPTIONS, PATCH",
                        "Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match, If-None-Match, X-Request-Id",
                        "Access-Control-Max-Age", "600",
                        "Vary", "Origin"),
                policy(APP).headers("OPTIONS", "/users/1", APP, "PATCH"));
    }

    @Test
    void lets_a_page_from_an_allowed_origin_read_the_answer_and_its_headers() {
        assertEquals(Map.of("Access-Control-Allow-Origin", APP,
                        "Access-Control-Expose-Headers", "ETag, Link, Location, Retry-After, X-Request-Id",
                        "Vary", "Origin"),
                policy(APP + ",http://localhost:3000").headers("GET", "/users/1", APP, null));
    }

    @Test
    void gives_a_disallowed_origin_no_cors_header_but_says_the_answer_varies_by_origin() {
        assertEquals(Map.of("Vary", "Origin"), policy(APP).headers("GET", "/users/1", "https://evil.example", null));
        assertEquals(Map.of("Vary", "Origin"), policy(APP).headers("OPTIONS", "/users/1", "https://evil.example", "GET"));
        assertEquals(Map.of("Vary", "Origin"), policy(APP).headers("GET", "/users/1", null, null));
    }

    @Test
    void a_plain_options_without_a_requested_method_is_no_preflight() {
        assertEquals(Map.of("Access-Control-Allow-Origin", APP,
                        "Access-Control-Expose-Headers", "ETag, Link, Location, Retry-After, X-Request-Id", "Vary", "Origin"),
                policy(APP).headers("OPTIONS", "/users/1", APP, null));
    }

    @Test
    void a_preflight_to_a_path_no_route_has_is_told_only_that_it_may_read_the_404() {
        assertEquals(Map.of("Access-Control-Allow-Origin", APP,
                        "Access-Control-Expose-Headers", "ETag, Link, Location, Retry-After, X-Request-Id", "Vary", "Origin"),
                policy(APP).headers("OPTIONS", "/nope", APP, "GET"));
    }

    @Test
    void allows_any_origin_with_a_star_that_does_not_vary() {
        assertEquals("*", policy("*").headers("GET", "/users/1", "http://anywhere.example", null)
                .get("Access-Control-Allow-Origin"));
        assertEquals(null, policy("*").headers("GET", "/users/1", "http://anywhere.example", null).get("Vary"));
        assertEquals(Map.of(), policy("*").headers("GET", "/users/1", null, null), "no Origin, no CORS");
    }

    @Test
    void adds_nothing_at_all_when_no_origin_is_configured() {
        assertEquals(Map.of(), policy("").headers("OPTIONS", "/users/1", APP, "GET"));
        assertEquals(Map.of(), policy("").headers("GET", "/users/1", APP, null));
    }

    @Test
    void compares_origins_exactly() {
        assertEquals(Map.of("Vary", "Origin"), policy(APP).headers("GET", "/users/1", APP + ":8443", null));
        assertEquals(Map.of("Vary", "Origin"), policy(APP).headers("GET", "/users/1", "http://app.example.com", null));
        assertEquals(Map.of("Vary", "Origin"), policy(APP).headers("GET", "/users/1", "https://app.example.com.evil.example", null));
    }
}
