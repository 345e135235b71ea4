package userapi.hardening;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny HTTP/1.1 client on a raw socket, for the bytes java.net.http.HttpClient refuses to send: invalid UTF-8,
 * huge or odd headers, bare CRs in a method, trickled requests. 127.0.0.1 only; every read has a timeout.
 */
public final class RawHttp {
    public static final int READ_TIMEOUT_MILLIS = 15_000;

    /** One answer as it came off the wire; header names are lower-cased. */
    public record Response(int status, String statusLine, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.getFirst();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The server closed or reset the connection before a whole status line and header section arrived. */
    public static final class DroppedConnection extends IOException {
        DroppedConnection(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private RawHttp() {
    }

    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /** Sends the bytes as they are on a new connection and reads one response. */
    public static Response exchange(int port, byte[] request) throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException writeFailed) {
                // The server may answer and close before it has read all we send (413, 414, 431): read what it said.
            }
            return read(socket.getInputStream(), request);
        }
    }

    /** "METHOD target HTTP/1.1" + Host + Connection: close + the given header lines + body with its length. */
    public static byte[] request(String method, String target, List<String> headerLines, byte[] body) {
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n")
                .append("Connection: close\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            bytes.writeBytes(body);
        }
        return bytes.toByteArray();
    }

    public static Response read(InputStream in, byte[] request) throws IOException {
        boolean head = startsWith(request, "HEAD ");
        try {
            while (true) {
                String statusLine = line(in);
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                    throw new IOException("not an HTTP status line: " + statusLine);
                }
                int status = Integer.parseInt(parts[1]);
                Map<String, List<String>> headers = new TreeMap<>();
                for (String line = line(in); !line.isEmpty(); line = line(in)) {
                    int colon = line.indexOf(':');
                    headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(line.substring(colon + 1).trim());
                }
                if (status >= 100 && status < 200) {
                    continue; // 100 Continue: the real answer follows
                }
                byte[] body = head || status == 204 || status == 304 ? new byte[0] : body(in, headers);
                return new Response(status, statusLine, headers, body);
            }
        } catch (EOFException | java.net.SocketException e) {
            throw new DroppedConnection("the connection ended before a complete response: " + e.getMessage(), e);
        }
    }

    private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
        List<String> length = headers.get("content-length");
        if (length != null) {
            int n = Integer.parseInt(length.getFirst());
            byte[] body = in.readNBytes(n);
            if (body.length != n) {
                throw new EOFException("body cut short: " + body.length + " of " + n + " bytes");
            }
            return body;
        }
        return in.readAllBytes(); // no length: the body runs to the end of the connection
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new EOFException("end of stream after " + line.size() + " bytes of a line");
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (bytes[i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
