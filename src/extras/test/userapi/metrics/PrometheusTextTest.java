package userapi.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The strict reader the metrics tests rely on: it takes valid exposition text and refuses each kind of mistake. */
class PrometheusTextTest {
    private static final String VALID = """
            # HELP requests_total Requests.
            # TYPE requests_total counter
            requests_total{method="GET",route="/users/{id}"} 3.0
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.1"} 1
            latency_seconds_bucket{le="+Inf"} 2
            latency_seconds_count 2
            latency_seconds_sum 0.25
            """;

    @Test
    void reads_valid_text() {
        PrometheusText.Sample first = PrometheusText.parse(VALID).getFirst();

        assertEquals(new PrometheusText.Sample("requests_total", Map.of("method", "GET", "route", "/users/{id}"), 3.0), first);
        assertEquals(5, PrometheusText.parse(VALID).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "requests_total 1\n",                                                       // no TYPE first
            "# TYPE x gauge\nx{a=\"1\"} one\n",                                         // not a number
            "# TYPE x gauge\nx{a=1} 1\n",                                               // unquoted label value
            "# TYPE x gauge\nx{a=\"1\",a=\"2\"} 1\n",                                   // a label twice
            "# TYPE x gauge\nx 1\nx 2\n",                                               // a series twice
            "# TYPE x gauge\nx 1",                                                      // no final line break
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n", // not cumulative
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\nh_sum 1\n",          // no +Inf bucket
            "# comment that is neither\n",
    })
    void refuses_each_mistake(String text) {
        assertThrows(AssertionError.class, () -> PrometheusText.parse(text));
    }
}
