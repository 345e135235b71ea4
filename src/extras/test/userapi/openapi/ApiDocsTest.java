package userapi.openapi;

import org.junit.jupiter.api.Test;
import userapi.exception.RejectedRequest;
import userapi.http.Request;
import userapi.http.Response;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The docs handlers without a server: answers built once, on their first request, only the listed files, the
 * document published once.
 */
class ApiDocsTest {
    private final ApiDocs docs = ApiDocs.load();

    private static Request file(String name, String version) {
        return new Request(Map.of("file", name), version == null ? Map.of() : Map.of("v", List.of(version)), null, null);
    }

    private static Request none() {
        return new Request(Map.of(), Map.of(), null, null);
    }

    @Test
    void reads_the_ui_version_from_the_webjar_on_the_class_path() {
        assertEquals("5.34.1", docs.uiVersion());
    }

    @Test
    void answers_with_the_same_prebuilt_response_every_time() {
        assertSame(docs.page(none()), docs.page(none()));
        assertSame(docs.file(file("swagger-ui.css", "5.34.1")), docs.file(file("swagger-ui.css", "5.34.1")));
    }

    @Test
    void caches_a_file_for_good_only_under_the_version_the_page_asks_for() {
        assertEquals(ApiDocs.IMMUTABLE, docs.file(file("swagger-ui.css", "5.34.1")).headers().get("Cache-Control"));
        assertEquals(ApiDocs.REVALIDATE, docs.file(file("swagger-ui.css", "5.0.0")).headers().get("Cache-Control"));
        assertEquals(ApiDocs.REVALIDATE, docs.file(file("swagger-ui.css", null)).headers().get("Cache-Control"));
    }

    @Test
    void serves_no_file_outside_its_list() {
        for (String name : List.of("index.html", "../App.class", "/etc/passwd", "swagger-ui.js", "oauth2-redirect.html", "")) {
            RejectedRequest refused = assertThrows(RejectedRequest.class, () -> docs.file(file(name, "5.34.1")), name);
            assertEquals(RejectedRequest.Reason.NOT_FOUND, refused.reason());
        }
    }

    @Test
    void publishes_the_document_once_and_serves_its_bytes_as_json() {
        byte[] json = "{\"openapi\":\"3.1.1\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalStateException.class, () -> docs.document(none()), "not published yet");

        docs.publish(() -> json);
        Response answer = docs.document(none());

        assertArrayEquals(json, (byte[]) answer.body());
        assertEquals("application/json", answer.headers().get("Content-Type"));
        assertThrows(IllegalStateException.class, () -> docs.publish(() -> json));
    }

    @Test
    void builds_the_document_on_its_first_request_only_once_even_when_requests_race() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        docs.publish(() -> {
            builds.incrementAndGet();
            return "{}".getBytes(StandardCharsets.UTF_8);
        });
        assertEquals(0, builds.get(), "publishing builds nothing yet");

        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 32; i++) {
                answers.add(clients.submit(() -> docs.document(none())));
            }
        }

        assertEquals(1, builds.get());
        for (Future<Response> answer : answers) {
            assertSame(answers.getFirst().get(), answer.get());
        }
    }

    @Test
    void a_document_that_cannot_be_built_fails_its_request_and_is_tried_again_by_the_next() {
        AtomicInteger builds = new AtomicInteger();
        docs.publish(() -> {
            if (builds.incrementAndGet() == 1) {
                throw new IllegalStateException("a constraint with no JSON Schema form");
            }
            return "{}".getBytes(StandardCharsets.UTF_8);
        });

        assertThrows(IllegalStateException.class, () -> docs.document(none()));
        assertEquals("{}", new String((byte[]) docs.document(none()).body(), StandardCharsets.UTF_8));
    }

    @Test
    void the_page_allows_its_one_inline_script_by_hash_and_nothing_from_other_hosts() {
        Response page = docs.page(none());
        String policy = page.headers().get("Content-Security-Policy");

        assertTrue(policy.matches(".*script-src 'self' 'sha256-[A-Za-z0-9+/]{43}=';.*"), policy);
        assertTrue(new String((byte[]) page.body(), StandardCharsets.UTF_8).contains("docs/swagger-ui-bundle.js?v=5.34.1"));
    }
}
