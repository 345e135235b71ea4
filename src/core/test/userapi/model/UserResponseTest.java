package userapi.model;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import userapi.http.JsonMappers;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Unit tests of UserResponse: what a client sees of a user, which never includes the password or its hash. */
class UserResponseTest {
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.123Z");
    private final User user = new User(ID, "Ada", "ada@example.com", "hashed:correct horse", Role.USER, CREATED);

    @Test
    void has_no_password_component_at_all() {
        List<String> names = Arrays.stream(UserResponse.class.getRecordComponents()).map(RecordComponent::getName).toList();

        assertEquals(List.of("id", "name", "email", "role", "createdAt"), names);
        names.forEach(name -> assertFalse(name.toLowerCase(Locale.ROOT).contains("password"), name));
    }

    @Test
    void from_copies_every_public_field_of_the_user() {
        assertEquals(new UserResponse(ID, "Ada", "ada@example.com", Role.USER, CREATED), UserResponse.from(user));
    }

    @Test
    void serialises_without_password_or_hash() {
        String json = JsonMappers.strict().writeValueAsString(UserResponse.from(user));
        JsonNode tree = JsonMappers.strict().readTree(json);

        List<String> fields = new ArrayList<>(tree.propertyNames());
        assertEquals(List.of("id", "name", "email", "role", "createdAt"), fields);
        assertEquals("user", tree.get("role").asString());
        assertEquals(ID.toString(), tree.get("id").asString());
        assertEquals("ada@example.com", tree.get("email").asString());
        assertFalse(json.contains("password"), json);
        assertFalse(json.contains("hashed:"), json);
        assertFalse(json.contains("correct horse"), json);
    }
}
