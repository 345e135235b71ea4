package userapi.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import userapi.error.FieldError;

import java.util.List;

/** The one error body (RFC 9457 problem+json) every failure is answered with; errors only on a 422. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String code,
                      String requestId, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
