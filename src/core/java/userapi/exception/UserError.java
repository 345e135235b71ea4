package userapi.exception;

/** The codes of the user service's business rules: the rows of the error table for its exceptions. */
public enum UserError implements ErrorCode {
    USER_NOT_FOUND(404, "User not found"),
    EMAIL_ALREADY_REGISTERED(409, "E-mail already registered"),
    EMAIL_DOMAIN_NOT_ALLOWED(422, "E-mail domain not allowed"),
    VALIDATION_FAILED(422, "Validation failed"),
    PRECONDITION_FAILED(412, "Precondition failed");

    private final int status;
    private final String title;

    UserError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
