package userapi.directory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import userapi.model.PageQuery;
import userapi.model.Role;

/**
 * Query model of the admin's GET /users: the lecture's {@code limit} and {@code offset}, and {@code q} (a
 * case-insensitive part of the name or e-mail), {@code role}, {@code disabled}, {@code sort} (default createdAt) and
 * {@code after} (the {@code next} of the page before; not with offset).
 */
public record UserListQuery(@Min(1) @Max(100) Integer limit, @Min(0) Integer offset, @Size(min = 1, max = 100) String q,
                            Role role, Boolean disabled, UserSort sort, @Size(max = 1000) String after) {
    public UserListQuery {
        sort = sort == null ? UserSort.CREATED_AT : sort;
        limit = limit == null ? PageQuery.DEFAULT_LIMIT : limit;
    }
}
