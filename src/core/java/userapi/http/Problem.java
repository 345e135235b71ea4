package userapi.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import userapi.exception.FieldError;

import java.util.List;

/**
 * The one error body (RFC 9457 problem+json) every failure is answered with; errors only on a 422. @NotNull marks
 * what every answer has, even the last-resort 500: the OpenAPI document lists those fields as required.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(@NotNull String type, @NotNull String title, int status, String detail, String instance, @NotNull String code,
                      String requestId, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
