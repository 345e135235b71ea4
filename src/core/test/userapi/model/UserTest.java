package userapi.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of User: toString leaks neither hash nor personal data. */
class UserTest {
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.123Z");
    private final User user = new User(ID, "Ada Lovelace", "ada@example.com", "hashed:correct horse", Role.USER, CREATED);

    @Test
    void to_string_names_id_and_creation_time_only() {
        String text = user.toString();

        assertTrue(text.contains(ID.toString()), text);
        assertTrue(text.contains(CREATED.toString()), text);
        assertFalse(text.contains("hashed:"), text);
        assertFalse(text.contains("correct horse"), text);
        assertFalse(text.contains("ada@example.com"), text);
        assertFalse(text.contains("Ada Lovelace"), text);
    }
}
