package userapi.http;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The one place a response is written: serialise to UTF-8 bytes first (so a serialisation failure can still
 * become a clean 500), then send headers with the exact length, then the bytes. HEAD gets headers only. A body
 * that is already bytes (Response.bytes) goes out as it is, with the Content-Type its response names.
 */
public final class JsonBodyWriter {
    public static final String JSON = "application/json";

    private final JsonMapper mapper;

    public JsonBodyWriter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public void write(HttpExchange exchange, int status, Map<String, String> headers, Object body) throws IOException {
        byte[] bytes = body == null ? null : body instanceof byte[] encoded ? encoded : mapper.writeValueAsBytes(body);
        try (exchange) {
            headers.forEach(exchange.getResponseHeaders()::set);
            if (bytes != null && !headers.containsKey("Content-Type")) {
                exchange.getResponseHeaders().set("Content-Type", JSON);
            }
            boolean sendBody = bytes != null && !exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, sendBody ? bytes.length : -1);
            if (sendBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
