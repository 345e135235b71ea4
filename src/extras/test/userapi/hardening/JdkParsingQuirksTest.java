package userapi.hardening;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import userapi.testing.RunningApp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static userapi.hardening.Problems.assertProblem;

/**
 * What the JDK's parser lets through, and what our code does about it: a Content-Length that is not only digits
 * ("+2", which the JDK reads as 2) is refused with 400 and the connection closed; a huge body announced with
 * Expect: 100-continue gets the JDK's 100 Continue before any filter runs (the README's Limits section says so),
 * then our 413 with Connection: close, the body never read into memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdkParsingQuirksTest {
    private RunningApp app;

    @BeforeAll
    void start() throws IOException {
        app = RunningApp.start(1000);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    /** "+2" is the one spelling Long.parseLong takes and the grammar (1*DIGIT) does not; "-2" the JDK refuses itself. */
    @Test
    void refuses_a_plus_signed_content_length_and_closes_the_connection() throws IOException {
        byte[] head = RawHttp.request("POST", "/users", List.of("Content-Type: application/json", "Content-Length: +2"), null);
        byte[] request = (new String(head, StandardCharsets.ISO_8859_1) + "{}").getBytes(StandardCharsets.ISO_8859_1);

        RawHttp.Response answer = RawHttp.exchange(app.port(), request);

        JsonNode problem = assertProblem(answer, 400, "UNREADABLE_BODY");
        assertEquals("close", answer.header("Connection"), problem.toString());
        assertTrue(problem.path("detail").asString().contains("digits only"), problem.toString());
    }

    @Test
    void a_huge_body_behind_expect_100_continue_gets_the_jdks_100_then_our_413_with_connection_close()
            throws IOException {
        try (Socket socket = RawHttp.connect(app.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10000000000\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();

            assertEquals("HTTP/1.1 100 Continue", statusLine(in), "the JDK invites the body before any filter runs");
            RawHttp.Response answer = RawHttp.read(in, new byte[0]);
            assertProblem(answer, 413, "PAYLOAD_TOO_LARGE");
            assertEquals("close", answer.header("Connection"), "the body is never read into memory");
        }
    }

    /** The interim response's status line; its header lines, up to the empty one, are skipped. */
    private static String statusLine(InputStream in) throws IOException {
        String status = line(in);
        while (!line(in).isEmpty()) {
            // a header of the interim response (the JDK sends Content-Length: 0)
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n' && c != -1; c = in.read()) {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
