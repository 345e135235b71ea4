package userapi.handler;

import org.junit.jupiter.api.Test;
import userapi.http.JsonMappers;
import userapi.http.Request;
import userapi.http.Response;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Unit test of HealthHandler: liveness is 200 without asking anything; readiness is 200 {"status":"UP"} while the
 * storage answers, 503 {"status":"DOWN"} while it does not, and 503 as soon as shutdown has begun.
 */
class HealthHandlerTest {
    private static final Request PROBE = new Request(Map.of(), Map.of(), null, null);

    @Test
    void readiness_answers_200_with_status_up() {
        Response response = new HealthHandler(() -> true, () -> false).ready(PROBE);

        assertEquals(200, response.status());
        assertEquals(new HealthHandler.Health("UP"), response.body());
        assertEquals(Map.of(), response.headers());
        assertEquals("{\"status\":\"UP\"}", JsonMappers.strict().writeValueAsString(response.body()));
    }

    @Test
    void ignores_whatever_the_request_carries() {
        Response response = new HealthHandler(() -> true, () -> false).ready(new Request(Map.of(),
                Map.of("verbose", List.of("true")), "application/json", new byte[] {'{', '}'}));

        assertEquals(new HealthHandler.Health("UP"), response.body());
    }

    @Test
    void readiness_answers_503_with_status_down_while_the_storage_cannot_be_reached() {
        Response response = new HealthHandler(() -> false, () -> false).ready(PROBE);

        assertEquals(503, response.status());
        assertEquals("{\"status\":\"DOWN\"}", JsonMappers.strict().writeValueAsString(response.body()));
    }

    @Test
    void readiness_asks_the_storage_again_on_every_probe() {
        AtomicBoolean reachable = new AtomicBoolean(true);
        HealthHandler health = new HealthHandler(reachable::get, () -> false);

        int first = health.ready(PROBE).status();
        reachable.set(false);
        int second = health.ready(PROBE).status();
        reachable.set(true);
        int third = health.ready(PROBE).status();

        assertEquals(List.of(200, 503, 200), List.of(first, second, third));
    }

    @Test
    void readiness_answers_503_once_stopping_even_though_the_storage_answers() {
        AtomicBoolean stopping = new AtomicBoolean(false);
        HealthHandler health = new HealthHandler(() -> true, stopping::get);

        int before = health.ready(PROBE).status();
        stopping.set(true);
        Response during = health.ready(PROBE);

        assertEquals(200, before);
        assertEquals(503, during.status());
        assertEquals(new HealthHandler.Health("DOWN"), during.body());
    }

    @Test
    void liveness_answers_200_without_asking_the_storage_or_the_shutdown_state() {
        AtomicInteger asked = new AtomicInteger();
        HealthHandler health = new HealthHandler(() -> asked.incrementAndGet() < 0, () -> asked.incrementAndGet() < 0);

        Response response = health.live(PROBE);

        assertEquals(200, response.status());
        assertEquals("{\"status\":\"UP\"}", JsonMappers.strict().writeValueAsString(response.body()));
        assertEquals(0, asked.get());
    }
}
