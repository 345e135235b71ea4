package userapi.error;

import java.util.List;

/** A request that parsed but broke its model: every violated field, reported at once. */
public final class ValidationFailed extends AppException {
    private final List<FieldError> errors;

    public ValidationFailed(List<FieldError> errors) {
        super(errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.");
        this.errors = List.copyOf(errors);
    }

    public ValidationFailed(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
