package userapi.directory;

import userapi.account.DisabledAccounts;
import userapi.model.User;
import userapi.repository.UserRepository;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The admin's list over users kept in memory: reads every user through the repository's public list, then filters,
 * sorts and cuts in Java. Each page walks all users, which is fine for what fits in memory.
 */
public final class InMemoryUserDirectory implements UserDirectory {
    private final UserRepository users;
    private final DisabledAccounts disabled;

    public InMemoryUserDirectory(UserRepository users, DisabledAccounts disabled) {
        this.users = users;
        this.disabled = disabled;
    }

    @Override
    public Slice find(Filter filter, UserSort sort, Position after, int offset, int limit) {
        Comparator<Position> order = order(sort);
        List<User> matching = users.list(Integer.MAX_VALUE, 0).items().stream().filter(matches(filter))
                .sorted(Comparator.comparing(user -> Position.of(user, sort), order)).toList();
        List<User> page = matching.stream()
                .filter(user -> after == null || order.compare(Position.of(user, sort), after) > 0)
                .skip(offset).limit(limit).toList();
        return new Slice(page, matching.size());
    }

    private Predicate<User> matches(Filter filter) {
        return user -> (filter.q() == null || user.name().toLowerCase(Locale.ROOT).contains(filter.q())
                || user.email().contains(filter.q()))
                && (filter.role() == null || user.role() == filter.role())
                && (filter.disabled() == null || disabled.isDisabled(user.id()) == filter.disabled());
    }

    /** As the SQL stores order: numbers by value, text by its characters, then the id as text. */
    private static Comparator<Position> order(UserSort sort) {
        Comparator<Position> byKey = switch (sort) {
            case CREATED_AT, CREATED_AT_DESC -> Comparator.comparingLong(position -> Long.parseLong(position.key()));
            case EMAIL, EMAIL_DESC, NAME, NAME_DESC -> Comparator.comparing(Position::key);
        };
        Comparator<Position> total = byKey.thenComparing(position -> position.id().toString());
        return sort.descending() ? total.reversed() : total;
    }
}
