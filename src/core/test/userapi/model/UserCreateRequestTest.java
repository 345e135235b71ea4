package userapi.model;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of UserCreateRequest: trimming, its constraints on their own, and a toString without the password. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserCreateRequestTest {
    private final ValidatorFactory validation = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private final Validator validator = validation.getValidator();

    @AfterAll
    void close_validation() {
        validation.close();
    }

    @Test
    void to_string_never_contains_the_password() {
        String text = new UserCreateRequest("Ada", "ada@example.com", "correct horse").toString();

        assertFalse(text.contains("correct horse"), text);
        assertTrue(text.contains("password=***"), text);
    }

    @Test
    void strips_name_and_email_but_keeps_the_password_as_sent() {
        UserCreateRequest request = new UserCreateRequest("  Ada \t", " ada@example.com\n", "  spaced password  ");

        assertEquals("Ada", request.name());
        assertEquals("ada@example.com", request.email());
        assertEquals("  spaced password  ", request.password());
    }

    @Test
    void accepts_a_valid_request() {
        assertEquals(Set.of(), invalidFields(new UserCreateRequest("Ada", "ada@example.com", "12345678")));
    }

    @Test
    void requires_every_field() {
        assertEquals(Set.of("name", "email", "password"), invalidFields(new UserCreateRequest(null, null, null)));
    }

    @Test
    void rejects_blank_name_bad_email_and_short_password() {
        assertEquals(Set.of("name", "email", "password"), invalidFields(new UserCreateRequest("   ", "not-an-email", "1234567")));
    }

    @Test
    void accepts_domains_that_idna_maps_to_ascii_so_the_service_must_canonicalise_them() {
        for (String email : List.of("a@ex\u00e4mple.com", "a@mailinator\u3002com", "a@mailinator\uFF0Ecom",
                "a@mailinator.com\u200B", "a@mailinator.com\u3002")) {
            assertEquals(Set.of(), invalidFields(new UserCreateRequest("Ada", email, "12345678")), email);
        }
    }

    @Test
    void counts_name_length_in_code_points() {
        String fiftyEmoji = "\uD83D\uDE00".repeat(50); // 50 code points, 100 UTF-16 chars

        assertEquals(Set.of(), invalidFields(new UserCreateRequest(fiftyEmoji, "ada@example.com", "12345678")));
        assertEquals(Set.of("name"), invalidFields(new UserCreateRequest(fiftyEmoji + "x", "ada@example.com", "12345678")));
    }

    @Test
    void rejects_control_characters_in_the_name() {
        assertEquals(Set.of("name"), invalidFields(new UserCreateRequest("Ada\u0000Byron", "ada@example.com", "12345678")));
        assertEquals(Set.of("name"), invalidFields(new UserCreateRequest("Ada\u2028Byron", "ada@example.com", "12345678")));
    }

    @Test
    void limits_the_password_to_128_code_points() {
        assertEquals(Set.of(), invalidFields(new UserCreateRequest("Ada", "ada@example.com", "p".repeat(128))));
        assertEquals(Set.of("password"), invalidFields(new UserCreateRequest("Ada", "ada@example.com", "p".repeat(129))));
    }

    private Set<String> invalidFields(UserCreateRequest request) {
        Set<String> fields = new TreeSet<>();
        for (ConstraintViolation<UserCreateRequest> violation : validator.validate(request)) {
            fields.add(violation.getPropertyPath().toString());
        }
        return fields;
    }
}
