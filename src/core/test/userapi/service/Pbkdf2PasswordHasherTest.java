package userapi.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of Pbkdf2PasswordHasher, with small iteration counts so that they stay fast. */
class Pbkdf2PasswordHasherTest {
    private static final int FAST = 1000;
    private final Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(FAST);

    @Test
    void default_iterations_follow_owasp_2023() {
        assertEquals(600_000, Pbkdf2PasswordHasher.DEFAULT_ITERATIONS);
    }

    @Test
    void hash_names_algorithm_iterations_salt_and_hash() {
        String[] parts = hasher.hash("correct horse").split("\\$", -1);

        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("1000", parts[1]);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length, "salt bytes");
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length, "hash bytes");
    }

    @Test
    void hash_does_not_contain_the_password() {
        assertFalse(hasher.hash("correct horse").contains("correct horse"));
    }

    @Test
    void two_hashes_of_one_password_differ_by_their_salt() {
        String first = hasher.hash("correct horse");
        String second = hasher.hash("correct horse");

        assertNotEquals(first, second);
        assertNotEquals(first.split("\\$")[2], second.split("\\$")[2]);
        assertTrue(hasher.matches("correct horse", first));
        assertTrue(hasher.matches("correct horse", second));
    }

    @Test
    void matches_the_right_password_only() {
        String stored = hasher.hash("correct horse");

        assertTrue(hasher.matches("correct horse", stored));
        assertFalse(hasher.matches("correct horse ", stored));
        assertFalse(hasher.matches("Correct horse", stored));
        assertFalse(hasher.matches("", stored));
    }

    @Test
    void matches_unicode_passwords() {
        String stored = hasher.hash("pässwörd \uD83D\uDD11");

        assertTrue(hasher.matches("pässwörd \uD83D\uDD11", stored));
        assertFalse(hasher.matches("passwörd \uD83D\uDD11", stored));
    }

    @Test
    void verifies_a_hash_made_with_other_iterations() {
        String older = new Pbkdf2PasswordHasher(2000).hash("correct horse");

        assertTrue(hasher.matches("correct horse", older));
        assertFalse(hasher.matches("wrong horse", older));
    }

    @Test
    void a_changed_hash_or_salt_no_longer_matches() {
        String[] parts = hasher.hash("correct horse").split("\\$");
        String otherHash = Base64.getEncoder().withoutPadding().encodeToString(new byte[32]);
        String otherSalt = Base64.getEncoder().withoutPadding().encodeToString(new byte[16]);

        assertFalse(hasher.matches("correct horse", String.join("$", parts[0], parts[1], parts[2], otherHash)));
        assertFalse(hasher.matches("correct horse", String.join("$", parts[0], parts[1], otherSalt, parts[3])));
        assertFalse(hasher.matches("correct horse", String.join("$", parts[0], "1001", parts[2], parts[3])));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "correct horse",
            "$",
            "$$$",
            "pbkdf2-sha256",
            "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA",
            "pbkdf2-sha1$1000$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "bcrypt$2b$12$abcdefghijklmnopqrstuv",
            "pbkdf2-sha256$many$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "pbkdf2-sha256$0$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "pbkdf2-sha256$-1000$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "pbkdf2-sha256$99999999999$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "pbkdf2-sha256$1000$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$",
            "pbkdf2-sha256$1000$not*base64!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$not*base64!",
            "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$extra",
            "PBKDF2-SHA256$1000$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    })
    void a_malformed_stored_hash_never_matches_and_never_throws(String stored) {
        assertFalse(assertDoesNotThrow(() -> hasher.matches("correct horse", stored)));
    }

    @Test
    void a_valid_hash_with_a_trailing_separator_is_malformed() {
        String stored = hasher.hash("correct horse");

        assertFalse(hasher.matches("correct horse", stored + "$"));
        assertFalse(hasher.matches("correct horse", stored + "$$"));
    }

    @Test
    void needs_rehash_only_for_other_settings() {
        assertFalse(hasher.needsRehash(hasher.hash("correct horse")));
        assertTrue(hasher.needsRehash(new Pbkdf2PasswordHasher(2000).hash("correct horse")));
        assertTrue(hasher.needsRehash(new Pbkdf2PasswordHasher(10_000).hash("correct horse")));
        assertTrue(hasher.needsRehash("bcrypt$2b$12$abcdefghijklmnopqrstuv"));
        assertTrue(hasher.needsRehash(""));
    }

    @Test
    void refuses_non_positive_iterations() {
        assertThrows(IllegalArgumentException.class, () -> new Pbkdf2PasswordHasher(0));
        assertThrows(IllegalArgumentException.class, () -> new Pbkdf2PasswordHasher(-1));
    }
}
