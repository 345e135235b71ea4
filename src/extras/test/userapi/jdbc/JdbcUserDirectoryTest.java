package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.directory.UserDirectory;
import userapi.directory.UserSort;
import userapi.model.Role;
import userapi.model.User;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The list's statements on SQLite: a filtered page that holds every match is not counted by a second scan. */
class JdbcUserDirectoryTest {
    private static final UserDirectory.Filter SMITHS = new UserDirectory.Filter("smith", null, null);

    @TempDir
    Path directory;
    private JdbcUserRepository users;
    private JdbcUserDirectory list;

    /** Five Smiths among ten users. */
    @BeforeEach
    void open() {
        users = JdbcUserRepository.open("jdbc:sqlite:" + directory.resolve("users.db"), Duration.ofSeconds(5));
        list = new JdbcUserDirectory(users.database());
        for (int i = 0; i < 10; i++) {
            String name = i % 2 == 0 ? "Smith " + i : "Jones " + i;
            users.insert(new User(UUID.randomUUID(), name, "u" + i + "@example.com", "hash", Role.USER,
                    Instant.parse("2026-03-04T05:06:07Z").plusSeconds(i)));
        }
    }

    @AfterEach
    void close() {
        users.close();
    }

    /** The slice and the statements it took. */
    private record Counted(UserDirectory.Slice slice, long statements) {
    }

    private Counted find(int offset, int limit) {
        long before = users.database().statementsRun();
        UserDirectory.Slice slice = list.find(SMITHS, UserSort.NAME, null, offset, limit);
        return new Counted(slice, users.database().statementsRun() - before);
    }

    @Test
    void a_first_page_shorter_than_its_limit_is_its_own_total_in_one_statement() {
        Counted page = find(0, 20);

        assertEquals(5, page.slice().items().size());
        assertEquals(5, page.slice().total());
        assertEquals(1, page.statements());
    }

    @Test
    void a_short_page_past_an_offset_adds_the_offset_in_one_statement() {
        Counted page = find(3, 20);

        assertEquals(2, page.slice().items().size());
        assertEquals(5, page.slice().total());
        assertEquals(1, page.statements());
    }

    @Test
    void a_full_page_counts_its_matches_with_a_second_statement() {
        Counted page = find(0, 2);

        assertEquals(2, page.slice().items().size());
        assertEquals(5, page.slice().total());
        assertEquals(2, page.statements());
    }

    @Test
    void an_empty_page_past_every_match_counts_them_rather_than_guess() {
        Counted page = find(9, 20);

        assertEquals(0, page.slice().items().size());
        assertEquals(5, page.slice().total());
        assertEquals(2, page.statements());
    }
}
