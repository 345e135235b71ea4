package userapi.model;

import java.util.List;
import java.util.function.Function;

/** One slice of an ordered collection plus the size of the whole, as the repository returns it. */
public record Page<T>(List<T> items, long total, int limit, int offset) {
    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, limit, offset);
    }
}
