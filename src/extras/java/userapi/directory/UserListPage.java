package userapi.directory;

import java.util.List;
import java.util.Optional;

/**
 * Response model of the admin's GET /users: a page of users, how many match the filter, the limit and offset it was
 * read with (0 when it follows a cursor), and the cursor of the next page (null on the last).
 */
public record UserListPage<T>(List<T> items, long total, int limit, int offset, Optional<String> next) {
    public UserListPage {
        items = List.copyOf(items);
    }
}
