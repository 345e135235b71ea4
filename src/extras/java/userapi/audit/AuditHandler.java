package userapi.audit;

import userapi.auth.AccessPolicy;
import userapi.auth.Caller;
import userapi.http.ModelReader;
import userapi.http.Request;
import userapi.http.Response;

import java.util.Optional;

/**
 * GET /audit-events for admins: reads the query model, asks the AuditTrail for the page, shapes the answer.
 * <pre>curl -H "Authorization: Bearer $ADMIN" 'http://127.0.0.1:8080/audit-events?type=login.failed&limit=20'</pre>
 */
public final class AuditHandler {
    private final AuditTrail trail;
    private final ModelReader models;

    public AuditHandler(AuditTrail trail, ModelReader models) {
        this.trail = trail;
        this.models = models;
    }

    /** 200 {items, next}; 403 for anyone but an admin, before the query is read; 422 for a bad parameter. */
    public Response list(Request request, Caller caller) {
        AccessPolicy.requireAdminToReadAuditTrail(caller);
        AuditEventQuery query = models.readQuery(request, AuditEventQuery.class);
        AuditTrail.Page page = trail.page(query.userId(), query.type(), query.limit(), query.after());
        return Response.ok(new AuditEventPage(page.items().stream().map(AuditEventResponse::of).toList(),
                Optional.ofNullable(page.next())));
    }
}
