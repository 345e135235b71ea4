package userapi.directory;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import userapi.account.InMemoryDisabledAccounts;
import userapi.auth.Caller;
import userapi.auth.Forbidden;
import userapi.exception.FieldError;
import userapi.exception.ValidationFailed;
import userapi.http.JsonMappers;
import userapi.http.ModelReader;
import userapi.http.Request;
import userapi.http.Response;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserResponse;
import userapi.repository.InMemoryUserRepository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The admin's GET /users as a function of a request: who may call it, the 422s, the next page in body and Link. */
class UserListHandlerTest {
    private static final Caller ADMIN = new Caller(UUID.randomUUID(), Role.ADMIN, "hash-of-admin-token");
    private static final Caller USER = new Caller(UUID.randomUUID(), Role.USER, "hash-of-user-token");

    private final ValidatorFactory validation = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final UserListHandler handler = new UserListHandler(new UserList(new InMemoryUserDirectory(users,
            new InMemoryDisabledAccounts(users))), new ModelReader(JsonMappers.strict(), validation.getValidator()),
            page -> page.stream().map(UserResponse::from).toList());

    UserListHandlerTest() {
        for (String name : List.of("Ada", "Bob", "Carol")) {
            users.insert(new User(UUID.randomUUID(), name, name.toLowerCase() + "@x.test", "hash", Role.USER,
                    Instant.parse("2026-05-06T07:08:09Z")));
        }
    }

    @AfterEach
    void close() {
        validation.close();
    }

    private static Request query(Map<String, String> parameters) {
        Map<String, List<String>> query = new HashMap<>();
        parameters.forEach((name, value) -> query.put(name, List.of(value)));
        return new Request(Map.of(), query, null, new byte[0]);
    }

    @Test
    void only_an_admin_may_list_users() {
        assertThrows(Forbidden.class, () -> handler.list(query(Map.of()), USER));
    }

    @Test
    void a_page_with_more_after_it_names_the_next_in_its_body_and_in_a_link_with_the_same_query() {
        Response first = handler.list(query(Map.of("q", "o", "sort", "-name", "limit", "1")), ADMIN);
        UserListPage<?> page = (UserListPage<?>) first.body();
        String next = page.next().orElseThrow();

        assertEquals(2, page.total(), "Bob and Carol");
        assertEquals("</users?q=o&sort=-name&limit=1&after=" + next + ">; rel=\"next\"", first.headers().get("Link"));
        Response last = handler.list(query(Map.of("q", "o", "sort", "-name", "limit", "1", "after", next)), ADMIN);
        assertEquals("bob@x.test", ((UserResponse) ((UserListPage<?>) last.body()).items().getFirst()).email());
        assertFalse(last.headers().containsKey("Link"), "the last page has no next");
    }

    @Test
    void after_with_offset_or_a_forged_cursor_is_refused_naming_after() {
        for (Map<String, String> parameters : List.of(Map.of("after", "Zm9v", "offset", "0"), Map.of("after", "Zm9v"))) {
            ValidationFailed refused = assertThrows(ValidationFailed.class, () -> handler.list(query(parameters), ADMIN));
            assertEquals(List.of("after"), refused.errors().stream().map(FieldError::field).toList());
        }
    }

    @Test
    void an_unknown_sort_is_refused() {
        ValidationFailed refused = assertThrows(ValidationFailed.class,
                () -> handler.list(query(Map.of("sort", "password")), ADMIN));
        assertEquals(List.of("sort"), refused.errors().stream().map(FieldError::field).toList());
    }
}
