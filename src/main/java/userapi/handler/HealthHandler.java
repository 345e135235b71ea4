package userapi.handler;

import userapi.http.Request;
import userapi.http.Response;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * GET /health: tells a load balancer or a person whether this server can serve users, database included:
 * 200 {"status":"UP"} or 503 {"status":"DOWN"}. curl localhost:8080/health
 */
public final class HealthHandler {
    private static final Logger LOG = Logger.getLogger(HealthHandler.class.getName());

    public record Health(String status) {
    }

    private final BooleanSupplier storageReachable;
    private final AtomicBoolean wasUp = new AtomicBoolean(true);

    /** @param storageReachable asks the repository; it may wait up to the database's connection timeout */
    public HealthHandler(BooleanSupplier storageReachable) {
        this.storageReachable = storageReachable;
    }

    public Response check(Request request) {
        boolean up = storageReachable.getAsBoolean();
        if (wasUp.getAndSet(up) != up) { // log the change, not every probe of a load balancer
            if (up) {
                LOG.info("health: the database answers again, UP");
            } else {
                LOG.warning("health: the database cannot be reached, DOWN");
            }
        }
        return up ? Response.ok(new Health("UP")) : Response.unavailable(new Health("DOWN"));
    }
}
