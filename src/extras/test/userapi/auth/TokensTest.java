package userapi.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens: what a well-formed token looks like, and its SHA-256 as the store keeps it. */
class TokensTest {
    private static final String A43 = "a".repeat(43);

    @Test
    void a_new_token_is_well_formed_and_new_each_time() {
        Tokens tokens = new Tokens();
        String token = tokens.newToken();

        assertTrue(Tokens.wellFormed(token), token);
        assertNotEquals(token, tokens.newToken());
    }

    @Test
    void accepts_43_characters_of_the_base64url_alphabet() {
        assertTrue(Tokens.wellFormed("AZaz09_-" + "x".repeat(35)));
    }

    @Test
    void refuses_other_lengths_and_other_characters() {
        assertFalse(Tokens.wellFormed(null));
        assertFalse(Tokens.wellFormed(""));
        assertFalse(Tokens.wellFormed("a".repeat(42)));
        assertFalse(Tokens.wellFormed("a".repeat(44)));
        for (String odd : new String[]{"+", "/", "=", " ", ".", "é", "\u0660", "\n"}) {
            assertFalse(Tokens.wellFormed(odd + A43.substring(1)), "with " + odd);
            assertFalse(Tokens.wellFormed(A43.substring(1) + odd), "ending with " + odd);
        }
    }

    @Test
    void hashes_with_sha_256_in_lower_case_hex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Tokens.hash("abc"));
    }

    @Test
    void hashes_each_token_on_its_own_whatever_was_hashed_before() {
        String first = Tokens.hash(A43);
        Tokens.hash("something else");

        assertEquals(first, Tokens.hash(A43));
        assertNotEquals(first, Tokens.hash("b" + A43.substring(1)));
    }
}
