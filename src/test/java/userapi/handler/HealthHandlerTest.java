package userapi.handler;

import org.junit.jupiter.api.Test;
import userapi.http.JsonMappers;
import userapi.http.Request;
import userapi.http.Response;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unit test of HealthHandler: 200 {"status":"UP"} while the storage answers, 503 {"status":"DOWN"} while not. */
class HealthHandlerTest {

    @Test
    void answers_200_with_status_up() {
        Response response = new HealthHandler(() -> true).check(new Request(Map.of(), Map.of(), null, null));

        assertEquals(200, response.status());
        assertEquals(new HealthHandler.Health("UP"), response.body());
        assertEquals(Map.of(), response.headers());
        assertEquals("{\"status\":\"UP\"}", JsonMappers.strict().writeValueAsString(response.body()));
    }

    @Test
    void ignores_whatever_the_request_carries() {
        Response response = new HealthHandler(() -> true).check(new Request(Map.of(),
                Map.of("verbose", List.of("true")), "application/json", new byte[] {'{', '}'}));

        assertEquals(new HealthHandler.Health("UP"), response.body());
    }

    @Test
    void answers_503_with_status_down_while_the_storage_cannot_be_reached() {
        Response response = new HealthHandler(() -> false).check(new Request(Map.of(), Map.of(), null, null));

        assertEquals(503, response.status());
        assertEquals("{\"status\":\"DOWN\"}", JsonMappers.strict().writeValueAsString(response.body()));
    }

    @Test
    void asks_the_storage_again_on_every_probe() {
        AtomicBoolean reachable = new AtomicBoolean(true);
        HealthHandler health = new HealthHandler(reachable::get);
        Request probe = new Request(Map.of(), Map.of(), null, null);

        int first = health.check(probe).status();
        reachable.set(false);
        int second = health.check(probe).status();
        reachable.set(true);
        int third = health.check(probe).status();

        assertEquals(List.of(200, 503, 200), List.of(first, second, third));
    }
}
