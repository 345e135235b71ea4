package userapi.audit;

import userapi.exception.ValidationFailed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Reading the audit trail, newest first, one page at a time: a page ends with an opaque cursor (base64url of the
 * last event's time and id, and the filters it was read with), and the next page starts right after that event
 * through the store's index, so a deep page costs what the first one does. Events appended meanwhile go to the
 * front and never shift a page. Knows nothing of HTTP; who may read it is the caller's to check.
 */
public final class AuditTrail {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String VERSION = "1";

    /** One page: the events, and the cursor of the next page, or null if this is the last. */
    public record Page(List<AuditEvent> items, String next) {
        public Page {
            items = List.copyOf(items);
        }
    }

    private final AuditStore store;

    public AuditTrail(AuditStore store) {
        this.store = store;
    }

    /**
     * @param after a cursor this method gave for the same userId and type, or null for the first page
     * @throws ValidationFailed on "after" if it is not such a cursor
     */
    public Page page(UUID userId, AuditEventType type, int limit, String after) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        AuditStore.Position from = after == null ? null : decode(after, userId, type);
        List<AuditEvent> read = store.page(userId, type, from, limit + 1); // one more tells whether a next page exists
        if (read.size() <= limit) {
            return new Page(read, null);
        }
        List<AuditEvent> items = read.subList(0, limit);
        return new Page(items, encode(AuditStore.Position.of(items.getLast()), userId, type));
    }

    static String encode(AuditStore.Position position, UUID userId, AuditEventType type) {
        String text = String.join("|", VERSION, Long.toString(position.at().toEpochMilli()), position.id().toString(),
                userId == null ? "" : userId.toString(), type == null ? "" : type.label());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; it must have been given for these filters, or its page would be another list's. */
    static AuditStore.Position decode(String cursor, UUID userId, AuditEventType type) {
        String[] parts;
        AuditStore.Position position;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 5 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("not a cursor of this version");
            }
            position = new AuditStore.Position(Instant.ofEpochMilli(Long.parseLong(parts[1])), UUID.fromString(parts[2]));
            if (!position.id().toString().equals(parts[2])) {
                throw new IllegalArgumentException("not an id as this list writes it");
            }
        } catch (IllegalArgumentException | java.time.DateTimeException notOurs) {
            throw new ValidationFailed("after", "is not a cursor of this list: send the next of the page before");
        }
        String filters = String.join("|", userId == null ? "" : userId.toString(), type == null ? "" : type.label());
        if (!filters.equals(parts[3] + "|" + parts[4])) {
            throw new ValidationFailed("after", "was given for another userId or type: keep the filters of the first page");
        }
        return Objects.requireNonNull(position);
    }
}
