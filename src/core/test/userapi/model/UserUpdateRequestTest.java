package userapi.model;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of UserUpdateRequest: every field optional, the same rules as create, no password in toString. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserUpdateRequestTest {
    private final ValidatorFactory validation = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private final Validator validator = validation.getValidator();

    @AfterAll
    void close_validation() {
        validation.close();
    }

    @Test
    void to_string_never_contains_the_password() {
        String text = new UserUpdateRequest("Ada", "ada@example.com", "correct horse").toString();

        assertFalse(text.contains("correct horse"), text);
        assertTrue(text.contains("password=***"), text);
    }

    @Test
    void to_string_shows_an_absent_password_as_null() {
        assertTrue(new UserUpdateRequest("Ada", null, null).toString().contains("password=null"));
    }

    @Test
    void strips_name_and_email_and_keeps_absent_fields_null() {
        UserUpdateRequest request = new UserUpdateRequest(" Ada ", null, null);

        assertEquals("Ada", request.name());
        assertNull(request.email());
        assertNull(request.password());
    }

    @Test
    void accepts_an_empty_update() {
        assertEquals(Set.of(), invalidFields(new UserUpdateRequest(null, null, null)));
    }

    @Test
    void applies_the_create_rules_to_present_fields() {
        assertEquals(Set.of("name", "email", "password"), invalidFields(new UserUpdateRequest("", "not-an-email", "short")));
        assertEquals(Set.of("name"), invalidFields(new UserUpdateRequest("n".repeat(51), null, null)));
        assertEquals(Set.of("name"), invalidFields(new UserUpdateRequest("Ada\u0007", null, null)));
    }

    @Test
    void applies_the_create_rules_on_look_alike_addresses_and_invisible_names() {
        assertEquals(Set.of("email"), invalidFields(new UserUpdateRequest(null, "d\u0430ve@example.com", null)));
        assertEquals(Set.of("name"), invalidFields(new UserUpdateRequest("\u200B", null, null)));
        assertEquals(Set.of("name"), invalidFields(new UserUpdateRequest("\u202EAda", null, null)));
    }

    @Test
    void turns_a_full_width_address_into_its_ascii_form() {
        UserUpdateRequest request = new UserUpdateRequest(null, "d\uFF41ve@example.com", null);

        assertEquals("dave@example.com", request.email());
        assertEquals(Set.of(), invalidFields(request));
    }

    private Set<String> invalidFields(UserUpdateRequest request) {
        Set<String> fields = new TreeSet<>();
        for (ConstraintViolation<UserUpdateRequest> violation : validator.validate(request)) {
            fields.add(violation.getPropertyPath().toString());
        }
        return fields;
    }
}
