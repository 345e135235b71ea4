package userapi.exception;

import java.util.List;

/** Expected, 422 VALIDATION_FAILED, INFO: a request that parsed but broke its model; every bad field at once. */
public final class ValidationFailed extends ExpectedException {
    private final List<FieldError> errors;

    public ValidationFailed(List<FieldError> errors) {
        super(UserError.VALIDATION_FAILED, errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.");
        this.errors = List.copyOf(errors);
    }

    public ValidationFailed(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
