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

/** Unit tests of PageQuery's constraints: limit 1..100, offset 0 or more. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageQueryTest {
    private final ValidatorFactory validation = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private final Validator validator = validation.getValidator();

    @AfterAll
    void close_validation() {
        validation.close();
    }

    @Test
    void defaults_to_twenty_items() {
        assertEquals(20, PageQuery.DEFAULT_LIMIT);
    }

    @Test
    void an_absent_parameter_takes_its_default() {
        assertEquals(new PageQuery(20, 0), new PageQuery(null, null));
        assertEquals(new PageQuery(5, 0), new PageQuery(5, null));
    }

    @Test
    void accepts_the_bounds() {
        assertEquals(Set.of(), invalidFields(new PageQuery(1, 0)));
        assertEquals(Set.of(), invalidFields(new PageQuery(100, Integer.MAX_VALUE)));
    }

    @Test
    void rejects_limits_outside_one_to_hundred_and_negative_offsets() {
        assertEquals(Set.of("limit"), invalidFields(new PageQuery(0, 0)));
        assertEquals(Set.of("limit"), invalidFields(new PageQuery(101, 0)));
        assertEquals(Set.of("offset"), invalidFields(new PageQuery(20, -1)));
        assertEquals(Set.of("limit", "offset"), invalidFields(new PageQuery(-5, -5)));
    }

    private Set<String> invalidFields(PageQuery query) {
        Set<String> fields = new TreeSet<>();
        for (ConstraintViolation<PageQuery> violation : validator.validate(query)) {
            fields.add(violation.getPropertyPath().toString());
        }
        return fields;
    }
}
