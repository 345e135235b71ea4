package userapi.handler;

import userapi.http.Request;
import userapi.http.Response;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The probes of a load balancer or Kubernetes, 200 {"status":"UP"} or 503 {"status":"DOWN"}:
 * GET /health/live asks nothing outside the process (a database that blinks must not get us restarted);
 * GET /health/ready (and its old name /health) says whether to send us requests: the database answers and
 * shutdown has not begun. curl localhost:8080/health/ready
 */
public final class HealthHandler {
    private static final Logger LOG = Logger.getLogger(HealthHandler.class.getName());

    public record Health(String status) {
    }

    private static final Health UP = new Health("UP");
    private static final Health DOWN = new Health("DOWN");

    private final BooleanSupplier storageReachable;
    private final BooleanSupplier stopping;
    private final AtomicBoolean wasUp = new AtomicBoolean(true);

    /**
     * @param storageReachable asks the repository; it may wait up to the database's connection timeout
     * @param stopping true from the moment shutdown begins (App.close), while requests are still being served
     */
    public HealthHandler(BooleanSupplier storageReachable, BooleanSupplier stopping) {
        this.storageReachable = storageReachable;
        this.stopping = stopping;
    }

    /** Liveness: this process can answer at all. */
    public Response live(Request request) {
        return Response.ok(UP);
    }

    /** Readiness: DOWN while stopping (without asking the database), else whatever the database says. */
    public Response ready(Request request) {
        if (stopping.getAsBoolean()) {
            return Response.unavailable(DOWN);
        }
        boolean up = storageReachable.getAsBoolean();
        if (wasUp.getAndSet(up) != up) { // log the change, not every probe of a load balancer
            if (up) {
                LOG.info("health: the database answers again, UP");
            } else {
                LOG.warning("health: the database cannot be reached, DOWN");
            }
        }
        return up ? Response.ok(UP) : Response.unavailable(DOWN);
    }
}
