package userapi.metrics;

/**
 * What the edge reports of every request once it is answered; {@link Metrics} counts it. An interface so the
 * http plumbing knows nothing of Prometheus, and its tests need no registry.
 */
@FunctionalInterface
public interface RequestMetrics {
    RequestMetrics NONE = (method, routeTemplate, status, nanos) -> {
    };

    /**
     * @param routeTemplate the matched route's template such as /users/{id}, never the raw path; null if none matched
     * @param status        the status sent, or -1 if none was (the client went away)
     */
    void record(String method, String routeTemplate, int status, long nanos);
}
