package userapi.openapi;

import org.junit.jupiter.api.Test;
import userapi.error.DomainException;
import userapi.exception.RejectedRequest;
import userapi.http.ErrorTable;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog the document's error answers come from holds every answer of ErrorTable. */
class ErrorCatalogTest {

    @Test
    void has_a_sample_of_every_kind_of_domain_exception() {
        assertEquals(Set.of(DomainException.class.getPermittedSubclasses()), Set.copyOf(ErrorCatalog.sampledDomainKinds()),
                "a new DomainException needs its sample in ErrorCatalog.SAMPLES");
    }

    @Test
    void holds_every_rejection_and_both_unexpected_answers_with_the_error_tables_status() {
        Map<String, ErrorTable.Entry> all = ErrorCatalog.all();
        for (RejectedRequest.Reason reason : RejectedRequest.Reason.values()) {
            assertEquals(reason.status, all.get(reason.name()).status(), reason.name());
        }
        assertEquals(ErrorTable.INTERNAL_ERROR, all.get("INTERNAL_ERROR"));
        assertEquals(ErrorTable.SERVICE_UNAVAILABLE, all.get("SERVICE_UNAVAILABLE"));
        assertEquals(404, all.get("USER_NOT_FOUND").status());
        assertEquals(RejectedRequest.Reason.values().length + DomainException.class.getPermittedSubclasses().length + 2,
                all.size());
    }

    @Test
    void every_code_any_operation_documents_is_in_the_catalog() {
        Map<String, ErrorTable.Entry> all = ErrorCatalog.all();
        for (ApiDescription.Operation operation : ApiDescription.OPERATIONS.values()) {
            for (String code : operation.errors()) {
                assertTrue(all.containsKey(code), operation.operationId() + " documents " + code);
            }
        }
        for (String code : ApiDescription.EVERY_OPERATION) {
            assertTrue(all.containsKey(code), code);
        }
        assertTrue(List.copyOf(all.keySet()).containsAll(ApiDescription.EVERY_OPERATION));
    }
}
