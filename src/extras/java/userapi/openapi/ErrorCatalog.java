package userapi.openapi;

import userapi.account.AccountError;
import userapi.auth.AuthError;
import userapi.exception.ErrorCode;
import userapi.exception.RejectedRequest;
import userapi.exception.ServerError;
import userapi.exception.UserError;
import userapi.limits.ServiceOverloaded;
import userapi.limits.TooManyConnections;
import userapi.limits.TooManySignUps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every code the server can answer, by name: the rows of each error-code enum, core and extras, so the document's
 * statuses and titles are the ones the server sends. A new enum of codes is added to {@link #TABLES}.
 */
final class ErrorCatalog {
    /** Every enum of error codes in the app. */
    static final List<Class<? extends Enum<?>>> TABLES = List.of(RejectedRequest.Reason.class, UserError.class,
            ServerError.class, AuthError.class, AccountError.class, ServiceOverloaded.Busy.class,
            TooManySignUps.Throttled.class, TooManyConnections.Crowded.class);

    private ErrorCatalog() {
    }

    /** Code -> row, for every code the server can answer. */
    static Map<String, ErrorCode> all() {
        Map<String, ErrorCode> byCode = new LinkedHashMap<>();
        TABLES.stream().flatMap(table -> Stream.of(table.getEnumConstants()))
                .map(ErrorCode.class::cast)
                .forEach(code -> byCode.put(code.name(), code));
        return Map.copyOf(byCode);
    }
}
