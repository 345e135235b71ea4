package userapi.handler;

import org.junit.jupiter.api.Test;
import userapi.http.JsonMappers;
import userapi.http.Request;
import userapi.http.Response;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unit test of HealthHandler: 200 with {"status":"UP"}. */
class HealthHandlerTest {

    @Test
    void answers_200_with_status_up() {
        Response response = new HealthHandler(() -> true).check(new Request("GET", "/health", Map.of(), Map.of(), null, null));

        assertEquals(200, response.status());
        assertEquals(new HealthHandler.Health("UP"), response.body());
        assertEquals(Map.of(), response.headers());
        assertEquals("{\"status\":\"UP\"}", JsonMappers.strict().writeValueAsString(response.body()));
    }

    @Test
    void ignores_whatever_the_request_carries() {
        Response response = new HealthHandler(() -> true).check(new Request("GET", "/health", Map.of(),
                Map.of("verbose", List.of("true")), "application/json", new byte[] {'{', '}'}));

        assertEquals(new HealthHandler.Health("UP"), response.body());
    }
}
