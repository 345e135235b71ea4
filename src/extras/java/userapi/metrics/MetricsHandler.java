package userapi.metrics;

import userapi.http.Request;
import userapi.http.Response;
import userapi.metrics.Metrics;

import java.util.Map;

/** GET /metrics: every metric in the Prometheus text format, for a Prometheus server to scrape. curl localhost:8080/metrics */
public final class MetricsHandler {
    private final Metrics metrics;

    public MetricsHandler(Metrics metrics) {
        this.metrics = metrics;
    }

    public Response scrape(Request request) {
        return Response.bytes(metrics.contentType(), metrics.scrape(), Map.of());
    }
}
