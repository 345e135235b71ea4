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
    void turns_a_full_width_address_into_its_ascii_form_before_the_rules_see_it() {
        UserCreateRequest request = new UserCreateRequest("Dave", " d\uFF41ve\uFF20example.com\u00A0", "12345678");

        assertEquals("dave@example.com", request.email());
        assertEquals(Set.of(), invalidFields(request));
    }

    @Test
    void refuses_a_local_part_that_is_not_ascii_once_normalised() {
        for (String email : List.of("d\u0430ve@example.com", "j\u00f6rg@example.com", "\u7528\u6237@example.com",
                "dave\u200B@example.com", "\"d\u0430ve\"@example.com")) {
            assertEquals(Set.of("email"), invalidFields(new UserCreateRequest("Dave", email, "12345678")), email);
        }
    }

    @Test
    void says_why_a_local_part_that_is_not_ascii_is_refused() {
        List<String> messages = validator.validate(new UserCreateRequest("Dave", "d\u0430ve@example.com", "12345678"))
                .stream().map(ConstraintViolation::getMessage).toList();

        assertEquals(List.of(Constraints.ASCII_LOCAL_PART_MESSAGE), messages);
        assertTrue(messages.getFirst().contains("internationalised addresses are not supported"), messages.toString());
    }

    @Test
    void refuses_a_name_without_a_visible_character() {
        for (String name : List.of("\u200B", "\u200B\u200B", "\u00A0", "\u3164", "\u2800", "\u115F\u1160", "\uFFA0",
                "\u0301", "\uFEFF", "\u2066\u2069")) {
            assertEquals(Set.of("name"), invalidFields(new UserCreateRequest(name, "ada@example.com", "12345678")),
                    () -> name.codePoints().mapToObj(Integer::toHexString).toList().toString());
        }
    }

    @Test
    void refuses_a_name_with_bidirectional_or_invisible_formatting_characters() {
        for (String name : List.of("\u202EAda", "Ada\u202E", "Ada\u202Dx", "\u2067Ada\u2069", "Ada\u200EB", "Ada\u200FB",
                "A\u200Bda", "A\u200Cda", "A\u200Dda", "\uFEFFAda", "Ada\u00ADB", "\u061CAda", "Ada\u2060B",
                "Ada\uDB40\uDC41")) { // the last: U+E0041, a tag character
            assertEquals(Set.of("name"), invalidFields(new UserCreateRequest(name, "ada@example.com", "12345678")),
                    () -> name.codePoints().mapToObj(Integer::toHexString).toList().toString());
        }
    }

    @Test
    void accepts_names_in_any_script_with_their_marks_and_symbols() {
        for (String name : List.of("Ada Lovelace", "O'Brien-Smith", "Zo\u00eb", "Zoe\u0308", "\uae40\uccb4\uc218",
                "\u674e\u5c0f\u9f8d", "\u0645\u062d\u0645\u062f", "\u05d3\u05d5\u05d3", "\u0926\u0947\u0935",
                "Ada \uD83D\uDE00", "Ada\u3000Lovelace", "\u0130lk\u00e9")) {
            assertEquals(Set.of(), invalidFields(new UserCreateRequest(name, "ada@example.com", "12345678")), name);
        }
    }

    @Test
    void checks_a_very_long_name_without_running_out_of_stack() {
        assertEquals(Set.of("name"), invalidFields(new UserCreateRequest("a".repeat(200_000) + "\u202E",
                "ada@example.com", "12345678")));
        assertEquals(Set.of("name"), invalidFields(new UserCreateRequest("\u200B".repeat(200_000) + "a",
                "ada@example.com", "12345678")));
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
