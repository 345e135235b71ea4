package userapi.account;

import java.time.Instant;
import java.util.UUID;

/** A mail waiting in the outbox: its id there, how many times delivery was tried, and when it was queued. */
public record QueuedMail(UUID id, Mail mail, int attempts, Instant queuedAt) {
}
