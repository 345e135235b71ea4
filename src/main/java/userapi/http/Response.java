package userapi.http;

import java.util.Map;

/** What a handler answers: a status, a body object (written as JSON, or none) and any extra headers. */
public record Response(int status, Object body, Map<String, String> headers) {

    public Response {
        headers = Map.copyOf(headers);
    }

    public static Response ok(Object body) {
        return new Response(200, body, Map.of());
    }

    public static Response created(String location, Object body) {
        return new Response(201, body, Map.of("Location", location));
    }

    public static Response noContent() {
        return new Response(204, null, Map.of());
    }
}
