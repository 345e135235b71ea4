package userapi.http;

import java.util.HashMap;
import java.util.Map;

/**
 * What a handler answers: a status, a body object (written as JSON, or none; a byte[] is sent as it is, already
 * encoded) and any extra headers.
 */
public record Response(int status, Object body, Map<String, String> headers) {

    public Response {
        headers = Map.copyOf(headers);
    }

    public static Response ok(Object body) {
        return new Response(200, body, Map.of());
    }

    /** 200 with extra headers: an ETag, or Cache-Control: no-store on an answer that carries a secret. */
    public static Response ok(Object body, Map<String, String> headers) {
        return new Response(200, body, headers);
    }

    /** 304: the client's copy (If-None-Match) is current; no body. */
    public static Response notModified(Map<String, String> headers) {
        return new Response(304, null, headers);
    }

    public static Response created(String location, Object body) {
        return new Response(201, body, Map.of("Location", location));
    }

    public static Response noContent() {
        return noContent(Map.of());
    }

    public static Response noContent(Map<String, String> headers) {
        return new Response(204, null, headers);
    }

    /** 200 with bytes already encoded in the given type (a page, a script, a document built once), sent as they are. */
    public static Response bytes(String contentType, byte[] body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", contentType);
        return new Response(200, body, all);
    }

    /** 503 with a body: the server runs but cannot serve (e.g. /health while the database is down). */
    public static Response unavailable(Object body) {
        return new Response(503, body, Map.of());
    }
}
