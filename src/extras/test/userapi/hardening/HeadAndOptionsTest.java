package userapi.hardening;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import userapi.testing.Reply;
import userapi.testing.RunningApp;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static userapi.hardening.Problems.assertProblem;

/** HEAD is answered wherever GET is, with GET's status and headers but no body; OPTIONS answers 204 with Allow. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadAndOptionsTest {
    private RunningApp app;
    private String userId;
    private List<String> asAdmin;

    @BeforeAll
    void start() throws Exception {
        app = RunningApp.start(1000);
        userId = app.createUserId("Ada", "ada@example.com");
        app.signInAsAdmin();
        asAdmin = List.of("Authorization: Bearer " + app.logIn(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD));
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @ParameterizedTest
    @CsvSource({"/health, 200", "/users, 200", "/users/me, 200", "/users/{id}, 200",
            "/users/00000000-0000-0000-0000-000000000000, 404"})
    void head_answers_what_get_answers_without_a_body(String template, int status) throws IOException {
        String path = template.replace("{id}", userId);
        RawHttp.Response get = RawHttp.exchange(app.port(), RawHttp.request("GET", path, asAdmin, null));
        // read to the end of the connection: any byte after the header section would be a body sent to HEAD
        byte[] headRequest = RawHttp.request("HEAD", path, asAdmin, null);
        try (var socket = RawHttp.connect(app.port())) {
            socket.getOutputStream().write(headRequest);
            RawHttp.Response head = RawHttp.read(socket.getInputStream(), headRequest);
            assertEquals(status, get.status());
            assertEquals(status, head.status());
            assertEquals(get.header("Content-Type"), head.header("Content-Type"));
            assertEquals(-1, socket.getInputStream().read(), "no body after the headers of a HEAD answer");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/health     | GET, HEAD, OPTIONS",
            "/users      | GET, HEAD, OPTIONS, POST",
            "/users/{id} | DELETE, GET, HEAD, OPTIONS, PATCH",
            "/users/not-a-uuid | DELETE, GET, HEAD, OPTIONS, PATCH"})
    void options_answers_204_with_allow(String template, String allow) throws Exception {
        Reply options = app.send(app.request(template.replace("{id}", userId))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(204, options.status());
        assertEquals(allow, options.headers().firstValue("Allow").orElse(null));
        assertEquals("", options.body());
    }

    @Test
    void options_on_an_unknown_path_is_404() throws Exception {
        Reply options = app.send(app.request("/nowhere")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertProblem(options, 404, "NOT_FOUND");
        assertNull(options.headers().firstValue("Allow").orElse(null));
    }

    @Test
    void a_405_lists_head_and_options_in_allow() throws Exception {
        Reply put = app.send(app.request("/health").PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertProblem(put, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET, HEAD, OPTIONS", put.headers().firstValue("Allow").orElse(null));
    }
}
