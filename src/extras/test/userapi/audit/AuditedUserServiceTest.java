package userapi.audit;

import org.junit.jupiter.api.Test;
import userapi.exception.UserNotFound;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;
import userapi.repository.InMemoryUserRepository;
import userapi.service.DefaultUserService;
import userapi.service.FakePasswordHasher;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which events the user service's changes record, about whom, and that each is recorded inside the change's unit. */
class AuditedUserServiceTest {
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final RecordingAudit audit = new RecordingAudit();
    private final AuditedUserService service = new AuditedUserService(new DefaultUserService(users,
            new FakePasswordHasher(), Set.of(), Clock.systemUTC(), UUID::randomUUID), audit, audit);

    private User ada() {
        User ada = service.create(new UserCreateRequest("Ada", "ada@example.com", "correct horse"));
        assertEquals(List.of(new RecordingAudit.Recorded(AuditEventType.USER_CREATED, ada.id(), true)), audit.recorded());
        return ada;
    }

    private List<RecordingAudit.Recorded> after(User ada) {
        return audit.recorded().subList(1, audit.recorded().size());
    }

    @Test
    void a_sign_up_records_user_created_of_the_new_user_in_its_unit() {
        ada();
    }

    @Test
    void a_new_password_records_password_changed() {
        User ada = ada();

        service.update(ada.id(), new UserUpdateRequest(null, null, "new horse battery"));

        assertEquals(List.of(new RecordingAudit.Recorded(AuditEventType.PASSWORD_CHANGED, ada.id(), true)), after(ada));
    }

    @Test
    void a_new_address_records_email_changed_and_a_new_password_with_it_both() {
        User ada = ada();

        service.update(ada.id(), new UserUpdateRequest(null, "ada@lovelace.example", "new horse battery"));

        assertEquals(List.of(new RecordingAudit.Recorded(AuditEventType.PASSWORD_CHANGED, ada.id(), true),
                new RecordingAudit.Recorded(AuditEventType.EMAIL_CHANGED, ada.id(), true)), after(ada));
    }

    @Test
    void the_same_address_in_another_case_or_a_new_name_records_nothing() {
        User ada = ada();

        service.update(ada.id(), new UserUpdateRequest("Ada King", "ADA@Example.com", null));

        assertEquals(List.of(), after(ada));
    }

    @Test
    void a_deletion_records_user_deleted_of_that_user() {
        User ada = ada();

        service.delete(ada.id());

        assertEquals(List.of(new RecordingAudit.Recorded(AuditEventType.USER_DELETED, ada.id(), true)), after(ada));
    }

    @Test
    void a_change_that_fails_records_nothing() {
        User ada = ada();
        UUID nobody = UUID.randomUUID();

        assertThrows(UserNotFound.class, () -> service.update(nobody, new UserUpdateRequest(null, null, "new horse battery")));
        assertThrows(UserNotFound.class, () -> service.delete(nobody));

        assertEquals(List.of(), after(ada));
    }

    @Test
    void reads_record_nothing_and_open_no_unit() {
        User ada = ada();
        int units = audit.units();

        service.get(ada.id());
        service.list(10, 0);

        assertEquals(List.of(), after(ada));
        assertEquals(units, audit.units());
    }
}
