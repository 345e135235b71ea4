package userapi.handler;

import userapi.http.Request;
import userapi.http.Response;

/** GET /health: tells a load balancer or a person that the server is up. curl localhost:8080/health */
public final class HealthHandler {
    public record Health(String status) {
    }

    public Response check(Request request) {
        return Response.ok(new Health("UP"));
    }
}
