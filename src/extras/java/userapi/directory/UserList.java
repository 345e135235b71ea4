package userapi.directory;

import userapi.exception.ValidationFailed;
import userapi.model.User;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The admin's list of users one page at a time: a page ends with an opaque cursor (base64url of the last user's
 * sort key and id, and the filters and sort it was read with), and the next page starts right after that user on
 * the store's index, so a deep page costs what the first one does. Knows nothing of HTTP; who may read it is the
 * caller's to check.
 */
public final class UserList {
    private static final String VERSION = "u1";

    /** One page: the users, how many match in all, and the cursor of the next page (null on the last). */
    public record Page(List<User> items, long total, String next) {
        public Page {
            items = List.copyOf(items);
        }
    }

    private final UserDirectory directory;

    public UserList(UserDirectory directory) {
        this.directory = directory;
    }

    /**
     * @param after a cursor this method gave for the same filter and sort, or null
     * @throws ValidationFailed on "after" if it is not such a cursor, or comes with an offset
     */
    public Page page(UserDirectory.Filter filter, UserSort sort, String after, Integer offset, int limit) {
        if (after != null && offset != null) {
            throw new ValidationFailed("after", "cannot be used with offset: follow next, or page by offset");
        }
        UserDirectory.Position from = after == null ? null : decode(after, filter, sort);
        // one more than asked tells whether a next page exists
        UserDirectory.Slice slice = directory.find(filter, sort, from, offset == null ? 0 : offset, limit + 1);
        if (slice.items().size() <= limit) {
            return new Page(slice.items(), slice.total(), null);
        }
        List<User> items = slice.items().subList(0, limit);
        return new Page(items, slice.total(), encode(UserDirectory.Position.of(items.getLast(), sort), filter, sort));
    }

    static String encode(UserDirectory.Position position, UserDirectory.Filter filter, UserSort sort) {
        String text = String.join("\n", VERSION, query(filter, sort), position.id().toString(), position.key());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; it must have been given for this filter and sort, or it is another list's. */
    static UserDirectory.Position decode(String cursor, UserDirectory.Filter filter, UserSort sort) {
        String[] parts;
        UserDirectory.Position position;
        try {
            // the key comes last and the split stops at it: whatever a name holds stays in the key
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 4);
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("not a cursor of this version");
            }
            UUID id = UUID.fromString(parts[2]);
            if (!id.toString().equals(parts[2])) {
                throw new IllegalArgumentException("not an id as this list writes it");
            }
            if (sort == UserSort.CREATED_AT || sort == UserSort.CREATED_AT_DESC) {
                Long.parseLong(parts[3]);
            }
            position = new UserDirectory.Position(parts[3], id);
        } catch (IllegalArgumentException notOurs) {
            throw new ValidationFailed("after", "is not a cursor of this list: send the next of the page before");
        }
        if (!parts[1].equals(query(filter, sort))) {
            throw new ValidationFailed("after", "was given for another q, role, disabled or sort: keep those of the first page");
        }
        return position;
    }

    /** The filter and sort as a cursor carries them; q is escaped, so no q can pass for another filter. */
    private static String query(UserDirectory.Filter filter, UserSort sort) {
        String q = filter.q() == null ? "-" : "+" + Base64.getUrlEncoder().encodeToString(filter.q().getBytes(StandardCharsets.UTF_8));
        return String.join("|", sort.label(), q, filter.role() == null ? "" : filter.role().label(),
                filter.disabled() == null ? "" : filter.disabled().toString());
    }
}
