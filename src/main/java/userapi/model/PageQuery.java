package userapi.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Query model of GET /users: {@code ?limit=1..100} (default 20), {@code &offset=0..} (default 0). */
public record PageQuery(@Min(1) @Max(100) int limit, @Min(0) int offset) {
    public static final int DEFAULT_LIMIT = 20;
}
