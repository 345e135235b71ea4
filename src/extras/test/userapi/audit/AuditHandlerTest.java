package userapi.audit;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import userapi.auth.Caller;
import userapi.auth.Forbidden;
import userapi.exception.FieldError;
import userapi.exception.ValidationFailed;
import userapi.http.JsonMappers;
import userapi.http.ModelReader;
import userapi.http.Request;
import userapi.http.Response;
import userapi.model.Role;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** GET /audit-events as a function of a request: who may call it, how the query binds, what the answer holds. */
class AuditHandlerTest {
    private static final Caller ADMIN = new Caller(UUID.randomUUID(), Role.ADMIN, "hash-of-admin-token");
    private static final Caller USER = new Caller(UUID.randomUUID(), Role.USER, "hash-of-user-token");
    private static final UUID ADA = UUID.randomUUID();

    private final ValidatorFactory validation = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private final InMemoryAuditStore store = new InMemoryAuditStore();
    private final AuditHandler handler = new AuditHandler(new AuditTrail(store),
            new ModelReader(JsonMappers.strict(), validation.getValidator()));

    @AfterEach
    void close() {
        validation.close();
    }

    private static Request query(Map<String, String> parameters) {
        Map<String, List<String>> query = new java.util.HashMap<>();
        parameters.forEach((name, value) -> query.put(name, List.of(value)));
        return new Request(Map.of(), query, null, new byte[0]);
    }

    private List<String> refusedFields(Map<String, String> parameters) {
        ValidationFailed refused = assertThrows(ValidationFailed.class, () -> handler.list(query(parameters), ADMIN));
        return refused.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void anyone_but_an_admin_is_forbidden_before_the_query_is_read() {
        assertThrows(Forbidden.class, () -> handler.list(query(Map.of("limit", "nonsense")), USER));
    }

    @Test
    void an_admin_gets_the_newest_events_first_as_response_models_with_a_cursor_while_more_remain() {
        for (int i = 0; i < 3; i++) {
            store.append(new AuditEvent(UUID.randomUUID(), AuditEventType.LOGIN_FAILED,
                    Instant.parse("2026-05-06T07:08:09Z").plusSeconds(i), i == 0 ? null : ADA, null, "203.0.113.7", "r" + i));
        }

        Response first = handler.list(query(Map.of("limit", "2")), ADMIN);
        AuditEventPage page = (AuditEventPage) first.body();
        Response last = handler.list(query(Map.of("limit", "2", "after", page.next().orElseThrow())), ADMIN);

        assertEquals(200, first.status());
        assertEquals(List.of("r2", "r1"), page.items().stream().map(item -> item.requestId().orElseThrow()).toList());
        AuditEventPage lastPage = (AuditEventPage) last.body();
        assertEquals(List.of(Optional.empty()), lastPage.items().stream().map(AuditEventResponse::userId).toList());
        assertEquals(Optional.empty(), lastPage.next());
    }

    @Test
    void the_limit_defaults_to_50_and_may_be_200_at_most() {
        for (int i = 0; i < 60; i++) {
            store.append(new AuditEvent(UUID.randomUUID(), AuditEventType.LOGOUT, Instant.EPOCH.plusSeconds(i), ADA, null,
                    null, null));
        }

        assertEquals(50, ((AuditEventPage) handler.list(query(Map.of()), ADMIN).body()).items().size());
        assertEquals(60, ((AuditEventPage) handler.list(query(Map.of("limit", "200")), ADMIN).body()).items().size());
        assertEquals(List.of("limit"), refusedFields(Map.of("limit", "201")));
        assertEquals(List.of("limit"), refusedFields(Map.of("limit", "0")));
    }

    @Test
    void filters_by_user_and_by_type_label() {
        store.append(new AuditEvent(UUID.randomUUID(), AuditEventType.USER_CREATED, Instant.EPOCH, ADA, null, null, null));
        store.append(new AuditEvent(UUID.randomUUID(), AuditEventType.LOGOUT, Instant.EPOCH, ADA, null, null, null));

        AuditEventPage page = (AuditEventPage) handler.list(query(Map.of("userId", ADA.toString(),
                "type", "user.created")), ADMIN).body();

        assertEquals(List.of(AuditEventType.USER_CREATED), page.items().stream().map(AuditEventResponse::type).toList());
    }

    @Test
    void a_bad_user_id_type_limit_or_cursor_is_refused_naming_each_field() {
        assertEquals(List.of("userId", "type", "limit"), refusedFields(Map.of("userId", "ada", "type", "USER_CREATED",
                "limit", "many")));
        assertEquals(List.of("after"), refusedFields(Map.of("after", "forged")));
    }
}
