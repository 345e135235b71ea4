package userapi.auth;

import java.time.Instant;

/**
 * One live session of the caller, as GET /auth/sessions shows it: its handle (never the token nor its hash), when it
 * began and ends, and whether it is the one this request came with.
 */
public record Session(String id, Instant createdAt, Instant expiresAt, boolean current) {
}
