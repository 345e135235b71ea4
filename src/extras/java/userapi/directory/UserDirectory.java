package userapi.directory;

import userapi.model.Role;
import userapi.model.User;

import java.util.List;
import java.util.UUID;

/**
 * The port the admin's list searches through: users that match a filter, in one of the sorts, from a position (keyset)
 * or an offset. Each store answers it on its own indexes; the cursors are UserList's, not the store's.
 */
public interface UserDirectory {

    /** What to match; a null field matches anything. q is lower case. */
    record Filter(String q, Role role, Boolean disabled) {
    }

    /**
     * Where a page ends, in the sort's terms: the sort key as text (epoch milliseconds, the e-mail or the name) and the
     * id, which breaks ties.
     */
    record Position(String key, UUID id) {
        public static Position of(User user, UserSort sort) {
            return new Position(switch (sort) {
                case CREATED_AT, CREATED_AT_DESC -> Long.toString(user.createdAt().toEpochMilli());
                case EMAIL, EMAIL_DESC -> user.email();
                case NAME, NAME_DESC -> user.name();
            }, user.id());
        }
    }

    /** Up to limit matching users, and how many match in all. */
    record Slice(List<User> items, long total) {
        public Slice {
            items = List.copyOf(items);
        }
    }

    /**
     * @param after the position the page starts right after, or null to start at offset
     */
    Slice find(Filter filter, UserSort sort, Position after, int offset, int limit);
}
