package userapi.hardening;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import userapi.testing.RunningApp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static userapi.hardening.Problems.assertProblem;

/**
 * A body whose chunked framing is broken is answered at once with 400 and Connection: close, not with a 500, and
 * not by waiting for the client to give up; valid chunked bodies are read as usual, and bounded like any other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestFramingTest {
    private static final String HEAD = "POST /users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    private RunningApp app;

    @BeforeAll
    void start() throws IOException {
        app = RunningApp.start(1000);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void reads_a_valid_chunked_body() throws IOException {
        String body = "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}";
        String chunked = Integer.toHexString(10) + ";ext=1\r\n" + body.substring(0, 10) + "\r\n"
                + Integer.toHexString(body.length() - 10) + "\r\n" + body.substring(10) + "\r\n0\r\n\r\n";
        assertEquals(201, send(chunked).status());
    }

    /** The client sends the broken framing and then waits for an answer, as a real client would. */
    @ParameterizedTest
    @ValueSource(strings = {"zz\r\n", "5\r\n{\"nam\r\n-1\r\nt\r\n0\r\n\r\n", "3\r\n{\"nXX0\r\n\r\n", "0x10\r\n"})
    void answers_broken_chunked_framing_with_400_at_once(String chunked) throws IOException {
        RawHttp.Response response = send(chunked);
        assertProblem(response, 400, "UNREADABLE_BODY");
        assertEquals("close", response.header("Connection"));
    }

    @Test
    void refuses_a_chunked_body_over_64_kib_with_413() throws IOException {
        String chunk = "a".repeat(16 * 1024);
        String chunked = (Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").repeat(5) + "0\r\n\r\n";
        assertProblem(send(chunked), 413, "PAYLOAD_TOO_LARGE");
    }

    /** Sends head and chunked body on one connection, keeps it open, and reads the answer. */
    private RawHttp.Response send(String chunked) throws IOException {
        byte[] request = (HEAD + chunked).getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = RawHttp.connect(app.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return RawHttp.read(socket.getInputStream(), request);
        }
    }
}
