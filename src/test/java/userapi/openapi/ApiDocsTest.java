package userapi.openapi;

import org.junit.jupiter.api.Test;
import userapi.error.RejectedRequest;
import userapi.http.Request;
import userapi.http.Response;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The docs handlers without a server: answers built once, only the listed files, the document published once. */
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

        docs.publish(json);
        Response answer = docs.document(none());

        assertArrayEquals(json, (byte[]) answer.body());
        assertEquals("application/json", answer.headers().get("Content-Type"));
        assertThrows(IllegalStateException.class, () -> docs.publish(json));
    }

    @Test
    void the_page_allows_its_one_inline_script_by_hash_and_nothing_from_other_hosts() {
        Response page = docs.page(none());
        String policy = page.headers().get("Content-Security-Policy");

        assertTrue(policy.matches(".*script-src 'self' 'sha256-[A-Za-z0-9+/]{43}=';.*"), policy);
        assertTrue(new String((byte[]) page.body(), StandardCharsets.UTF_8).contains("docs/swagger-ui-bundle.js?v=5.34.1"));
    }
}
