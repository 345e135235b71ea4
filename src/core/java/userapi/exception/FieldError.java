package userapi.exception;

/** One violated field of a request model, as listed in a 422's "errors" array. */
public record FieldError(String field, String message) {
}
