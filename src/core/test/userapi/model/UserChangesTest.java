package userapi.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of UserChanges: null leaves a field as it is, id and creation time never change, toString hides values. */
class UserChangesTest {
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.123Z");
    private final User user = new User(ID, "Ada Lovelace", "ada@example.com", "hashed:correct horse", Role.USER, CREATED);

    @Test
    void applies_the_name_only() {
        assertEquals(new User(ID, "Ada L.", "ada@example.com", "hashed:correct horse", Role.USER, CREATED, 2),
                new UserChanges("Ada L.", null, null).applyTo(user));
    }

    @Test
    void applies_the_email_only() {
        assertEquals(new User(ID, "Ada Lovelace", "ada@example.org", "hashed:correct horse", Role.USER, CREATED, 2),
                new UserChanges(null, "ada@example.org", null).applyTo(user));
    }

    @Test
    void applies_the_password_hash_only() {
        assertEquals(new User(ID, "Ada Lovelace", "ada@example.com", "hashed:other", Role.USER, CREATED, 2),
                new UserChanges(null, null, "hashed:other").applyTo(user));
    }

    @Test
    void applies_every_field_named_and_keeps_id_and_creation_time() {
        assertEquals(new User(ID, "Ada L.", "ada@example.org", "hashed:other", Role.USER, CREATED, 2),
                new UserChanges("Ada L.", "ada@example.org", "hashed:other").applyTo(user));
    }

    @Test
    void no_changes_leave_the_user_as_it_is() {
        assertEquals(new User(ID, "Ada Lovelace", "ada@example.com", "hashed:correct horse", Role.USER, CREATED, 2),
                new UserChanges(null, null, null).applyTo(user)); // an accepted update is a new version, even an empty one
    }

    @Test
    void to_string_says_which_fields_change_but_shows_no_value() {
        String text = new UserChanges("Ada L.", null, "hashed:secret").toString();

        assertEquals("UserChanges[name=***, email=unchanged, passwordHash=***]", text);
        assertFalse(text.contains("hashed:"), text);
        assertFalse(text.contains("Ada"), text);
        assertTrue(new UserChanges(null, "ada@example.org", null).toString().contains("email=***"));
    }
}
