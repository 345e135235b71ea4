package userapi.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Query model of GET /users: {@code ?limit=1..100} (default 20), {@code &offset=0..} (default 0). The fields are
 * Integer so that an absent parameter can take its default here, like FastAPI's {@code limit: int = 20}.
 */
public record PageQuery(@Min(1) @Max(100) Integer limit, @Min(0) Integer offset) {
    public static final int DEFAULT_LIMIT = 20;

    public PageQuery {
        limit = limit == null ? DEFAULT_LIMIT : limit;
        offset = offset == null ? 0 : offset;
    }
}
