package userapi.openapi;

import userapi.account.AccountError;
import userapi.account.AccountResponse;
import userapi.account.EmailVerificationRequest;
import userapi.account.PasswordResetConfirmation;
import userapi.account.PasswordResetRequest;
import userapi.audit.AuditEventPage;
import userapi.audit.AuditEventQuery;
import userapi.auth.SessionHandler;
import userapi.auth.SessionList;
import userapi.handler.HealthHandler.Health;
import userapi.auth.DeleteAccountRequest;
import userapi.auth.LoginRequest;
import userapi.auth.TokenResponse;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;

import userapi.auth.AuthError;
import userapi.directory.UserListPage;
import userapi.directory.UserListQuery;
import userapi.exception.ErrorCode;
import userapi.exception.RejectedRequest.Reason;
import userapi.exception.ServerError;
import userapi.exception.UserError;
import userapi.limits.ServiceOverloaded.Busy;
import userapi.limits.TooManyConnections.Crowded;
import userapi.limits.TooManySignUps.Throttled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the route table cannot say about each operation, in one small table keyed "METHOD template": its
 * operationId and summary, its query, body and answer models, and the error codes it can answer. Paths and
 * methods come from the Router, schemas from the model records. A route without a row here, or a row without a
 * route, stops OpenApiDocument (and so the start) and fails OpenApiDocumentTest.
 */
public final class ApiDescription {
    /** Answers the plumbing may give on any route, whatever it does: size limits, one client's connections, the last-resort 500. */
    static final List<ErrorCode> EVERY_OPERATION =
            List.of(Reason.UNREADABLE_BODY, Reason.PAYLOAD_TOO_LARGE, Reason.URI_TOO_LONG, Reason.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    Crowded.TOO_MANY_CONNECTIONS, ServerError.INTERNAL_ERROR);

    /** The Java type of each path parameter a template names, e.g. the {id} of /users/{id}. */
    static final Map<String, Class<?>> PATH_PARAMETERS = Map.of("id", UUID.class, "file", String.class,
            SessionHandler.SESSION_ID, String.class);

    private static final String ETAG = "The user's version, \"1\" when created; send it back in If-Match or If-None-Match";

    private static final List<ErrorCode> READS_BODY = List.of(Reason.MALFORMED_JSON, Reason.UNSUPPORTED_MEDIA_TYPE, UserError.VALIDATION_FAILED);
    /** What every route that needs a bearer token may answer before it runs. */
    private static final List<ErrorCode> SIGNED_IN = List.of(AuthError.AUTHENTICATION_REQUIRED);

    /** The table: one row per route of ProductionApp.routes, in the same order. */
    static final Map<String, Operation> OPERATIONS = table(
            row("GET /health", operation("getHealth", "health", "Readiness under its old name: same as /health/ready")
                    .answers(Answer.json(200, Health.class), Answer.json(503, Health.class))),
            row("GET /health/live", operation("getLiveness", "health", "Liveness: the process answers; never asks the database")
                    .answers(Answer.json(200, Health.class))),
            row("GET /health/ready", operation("getReadiness", "health",
                    "Readiness: the database answers and shutdown has not begun (else 503 DOWN)")
                    .answers(Answer.json(200, Health.class), Answer.json(503, Health.class))),
            row("GET /metrics", operation("getMetrics", "operations", "Every metric in the Prometheus text format")
                    .answers(Answer.raw(200, "text/plain"))),
            row("POST /auth/login", operation("logIn", "auth", "Sign in with e-mail and password: a bearer token")
                    .body(LoginRequest.class)
                    .answers(Answer.json(200, TokenResponse.class))
                    .errors(READS_BODY).errors(AuthError.INVALID_CREDENTIALS, AuthError.ACCOUNT_DISABLED, AccountError.EMAIL_NOT_VERIFIED,
                            AuthError.TOO_MANY_LOGIN_ATTEMPTS, Busy.SERVICE_OVERLOADED, ServerError.SERVICE_UNAVAILABLE)),
            row("POST /auth/logout", operation("logOut", "auth", "End the session of the bearer token sent")
                    .answers(Answer.empty(204))
                    .errors(SIGNED_IN).errors(ServerError.SERVICE_UNAVAILABLE)),
            row("POST /auth/logout-all", operation("logOutEverywhere", "auth",
                    "End every session of the signed-in user, this one included")
                    .answers(Answer.empty(204))
                    .errors(SIGNED_IN).errors(ServerError.SERVICE_UNAVAILABLE)),
            row("GET /auth/sessions", operation("listSessions", "auth",
                    "The signed-in user's live sessions, newest first; id is a handle, not the token")
                    .answers(Answer.json(200, SessionList.class))
                    .errors(SIGNED_IN).errors(ServerError.SERVICE_UNAVAILABLE)),
            row("DELETE /auth/sessions/{sessionId}", operation("revokeSession", "auth",
                    "End one of the signed-in user's sessions by its id, at once on every instance")
                    .answers(Answer.empty(204))
                    .errors(SIGNED_IN).errors(AuthError.SESSION_NOT_FOUND, ServerError.SERVICE_UNAVAILABLE)),
            row("POST /auth/password-reset", operation("requestPasswordReset", "account",
                    "Mail a password-reset link to this address if it has an account; the same 202 either way")
                    .body(PasswordResetRequest.class)
                    .answers(Answer.empty(202))
                    .errors(READS_BODY).errors(ServerError.SERVICE_UNAVAILABLE)),
            row("POST /auth/password-reset/confirm", operation("confirmPasswordReset", "account",
                    "Set a new password with the token from the reset mail; ends every session of that user")
                    .body(PasswordResetConfirmation.class)
                    .answers(Answer.empty(204))
                    .errors(READS_BODY).errors(AccountError.INVALID_OR_EXPIRED_TOKEN, Busy.SERVICE_OVERLOADED,
                            ServerError.SERVICE_UNAVAILABLE)),
            row("POST /auth/verify-email", operation("verifyEmail", "account",
                    "Prove the address with the token from the verification mail")
                    .body(EmailVerificationRequest.class)
                    .answers(Answer.empty(204))
                    .errors(READS_BODY).errors(AccountError.INVALID_OR_EXPIRED_TOKEN, ServerError.SERVICE_UNAVAILABLE)),
            row("POST /auth/verify-email/resend", operation("resendVerificationEmail", "account",
                    "Mail a new verification link to the signed-in user's address, unless verified; the same 202 either way")
                    .answers(Answer.empty(202))
                    .errors(SIGNED_IN).errors(UserError.USER_NOT_FOUND, ServerError.SERVICE_UNAVAILABLE)),
            row("POST /users", operation("createUser", "users", "Sign up a user (always role user)").body(UserCreateRequest.class)
                    .answers(Answer.json(201, AccountResponse.class).header("Location", "The new user's path, /users/{id}"))
                    .errors(READS_BODY).errors(UserError.EMAIL_DOMAIN_NOT_ALLOWED, UserError.EMAIL_ALREADY_REGISTERED,
                            Throttled.TOO_MANY_SIGN_UPS, Busy.SERVICE_OVERLOADED, ServerError.SERVICE_UNAVAILABLE)),
            row("GET /users", operation("listUsers", "users", "Search, filter and sort users, a page at a time: by offset, "
                    + "or send a page's next as after (also in its Link header); q is a substring search, which scans (admins only)")
                    .query(UserListQuery.class)
                    .answers(Answer.json(200, UserListPage.class, AccountResponse.class)
                            .header("Link", "The next page's URL, rel=\"next\"; absent on the last page"))
                    .errors(SIGNED_IN).errors(AuthError.FORBIDDEN, UserError.VALIDATION_FAILED, ServerError.SERVICE_UNAVAILABLE)),
            row("GET /users/me", operation("getMe", "users", "Read the signed-in user's own account")
                    .answers(Answer.json(200, AccountResponse.class))
                    .errors(SIGNED_IN).errors(UserError.USER_NOT_FOUND, ServerError.SERVICE_UNAVAILABLE)),
            row("GET /users/{id}", operation("getUser", "users",
                    "Read one user (yourself, or anyone as an admin); If-None-Match with its ETag: 304")
                    .answers(Answer.json(200, AccountResponse.class).header("ETag", ETAG),
                            Answer.empty(304).header("ETag", ETAG))
                    .errors(SIGNED_IN).errors(AuthError.FORBIDDEN, UserError.USER_NOT_FOUND, ServerError.SERVICE_UNAVAILABLE)),
            row("PATCH /users/{id}", operation("updateUser", "users", "Change some fields of a user; absent fields "
                    + "stay; your own e-mail or password needs currentPassword; with If-Match only if it still has that ETag")
                    .body(UserUpdateRequest.class)
                    .answers(Answer.json(200, AccountResponse.class).header("ETag", ETAG))
                    .errors(SIGNED_IN).errors(READS_BODY).errors(AuthError.FORBIDDEN, AuthError.CURRENT_PASSWORD_INCORRECT,
                            AuthError.TOO_MANY_LOGIN_ATTEMPTS, UserError.USER_NOT_FOUND,
                            UserError.PRECONDITION_FAILED, UserError.EMAIL_DOMAIN_NOT_ALLOWED, UserError.EMAIL_ALREADY_REGISTERED,
                            Busy.SERVICE_OVERLOADED, ServerError.SERVICE_UNAVAILABLE)),
            row("DELETE /users/{id}", operation("deleteUser", "users",
                    "Delete a user and end all their sessions; your own account needs currentPassword in the body "
                            + "(an admin deleting someone else sends none); with If-Match only if it still has that ETag")
                    .body(DeleteAccountRequest.class)
                    .answers(Answer.empty(204))
                    .errors(SIGNED_IN).errors(READS_BODY).errors(AuthError.FORBIDDEN, AuthError.CURRENT_PASSWORD_INCORRECT,
                            AuthError.TOO_MANY_LOGIN_ATTEMPTS, UserError.USER_NOT_FOUND, UserError.PRECONDITION_FAILED,
                            Busy.SERVICE_OVERLOADED, ServerError.SERVICE_UNAVAILABLE)),
            row("POST /users/{id}/disable", operation("disableUser", "users",
                    "Disable a user (admins only): every session ends, and login answers ACCOUNT_DISABLED until enabled; "
                            + "not the last admin who is not disabled")
                    .answers(Answer.json(200, AccountResponse.class))
                    .errors(SIGNED_IN).errors(AuthError.FORBIDDEN, UserError.USER_NOT_FOUND, AuthError.LAST_ADMIN,
                            ServerError.SERVICE_UNAVAILABLE)),
            row("POST /users/{id}/enable", operation("enableUser", "users",
                    "Enable a disabled user again (admins only): they sign in with their password")
                    .answers(Answer.json(200, AccountResponse.class))
                    .errors(SIGNED_IN).errors(AuthError.FORBIDDEN, UserError.USER_NOT_FOUND, ServerError.SERVICE_UNAVAILABLE)),
            row("GET /audit-events", operation("listAuditEvents", "audit",
                    "The audit trail, newest first, a page at a time: send a page's next as after for the one below it (admins only)")
                    .query(AuditEventQuery.class)
                    .answers(Answer.json(200, AuditEventPage.class))
                    .errors(SIGNED_IN).errors(AuthError.FORBIDDEN, UserError.VALIDATION_FAILED, ServerError.SERVICE_UNAVAILABLE)),
            row("GET /reset-password", operation("getResetPasswordPage", "account",
                    "The page a reset link opens: a form for the new password (the token stays in the link's fragment)")
                    .answers(Answer.raw(200, "text/html"))),
            row("GET /verify-email", operation("getVerifyEmailPage", "account",
                    "The page a verification link opens: it confirms the token and says whether it worked")
                    .answers(Answer.raw(200, "text/html"))),
            row("GET /openapi.json", operation("getOpenApiDocument", "docs", "This OpenAPI 3.1 document, generated from the code")
                    .answers(Answer.raw(200, "application/json"))),
            row("GET /docs", operation("getDocsPage", "docs", "Interactive documentation of this API (Swagger UI)")
                    .answers(Answer.raw(200, "text/html"))),
            row("GET /docs/{file}", operation("getDocsFile", "docs", "A static file of the documentation page")
                    .answers(Answer.raw(200, "text/css", "text/javascript", "image/png"))
                    .errors(Reason.NOT_FOUND)));

    private ApiDescription() {
    }

    /** A model: a record class, with the type arguments of a generic one such as Page&lt;UserResponse&gt;. */
    record Model(Class<?> type, List<Class<?>> typeArguments) {
    }

    /** One success answer: its status, then a JSON model, other media types, or no body; and headers it carries. */
    record Answer(int status, Model model, List<String> mediaTypes, Map<String, String> headers) {
        static Answer json(int status, Class<?> type, Class<?>... typeArguments) {
            return new Answer(status, new Model(type, List.of(typeArguments)), List.of(), Map.of());
        }

        static Answer raw(int status, String... mediaTypes) {
            return new Answer(status, null, List.of(mediaTypes), Map.of());
        }

        static Answer empty(int status) {
            return new Answer(status, null, List.of(), Map.of());
        }

        Answer header(String name, String description) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, description);
            return new Answer(status, model, mediaTypes, Map.copyOf(more));
        }
    }

    /** One operation's row; query and body are null when it has none; errors are the codes it may answer. */
    record Operation(String operationId, String tag, String summary, Class<? extends Record> query,
                     Class<? extends Record> body, List<Answer> answers, List<ErrorCode> errors) {
        Operation query(Class<? extends Record> model) {
            return new Operation(operationId, tag, summary, model, body, answers, errors);
        }

        Operation body(Class<? extends Record> model) {
            return new Operation(operationId, tag, summary, query, model, answers, errors);
        }

        Operation answers(Answer... success) {
            return new Operation(operationId, tag, summary, query, body, List.of(success), errors);
        }

        Operation errors(ErrorCode... codes) {
            return errors(Arrays.asList(codes));
        }

        Operation errors(List<ErrorCode> codes) {
            List<ErrorCode> all = new ArrayList<>(errors);
            all.addAll(codes);
            return new Operation(operationId, tag, summary, query, body, answers, List.copyOf(all));
        }
    }

    private static Operation operation(String operationId, String tag, String summary) {
        return new Operation(operationId, tag, summary, null, null, List.of(), List.of());
    }

    private static Map.Entry<String, Operation> row(String methodAndTemplate, Operation operation) {
        return Map.entry(methodAndTemplate, operation);
    }

    @SafeVarargs
    private static Map<String, Operation> table(Map.Entry<String, Operation>... rows) {
        Map<String, Operation> table = new LinkedHashMap<>();
        for (Map.Entry<String, Operation> row : rows) {
            if (table.put(row.getKey(), row.getValue()) != null) {
                throw new IllegalStateException("two descriptions of " + row.getKey());
            }
        }
        return java.util.Collections.unmodifiableMap(table);
    }
}
