package userapi.auth;

import org.junit.jupiter.api.Test;
import userapi.model.Role;
import userapi.model.User;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final User ADA = new User(new UUID(0, 1), "Ada", "ada@example.com", "hashed", Role.ADMIN,
            Instant.parse("2026-01-01T00:00:00Z"));
    private static final String TOKEN = new Tokens().newToken();

    /** What the fake store was asked, as hashes, and what it answers for the token's hash. */
    private final List<String> asked = new ArrayList<>();
    private TokenOwner stored = owner(false, true);

    private final TokenAuthenticator authenticator = new TokenAuthenticator((hash, now) -> {
        asked.add(hash + " at " + now);
        return hash.equals(Tokens.hash(TOKEN)) ? Optional.ofNullable(stored) : Optional.empty();
    }, Clock.fixed(NOW, ZoneOffset.UTC));

    private static TokenOwner owner(boolean disabled, boolean verified) {
        return new TokenOwner(new StoredToken(Tokens.hash(TOKEN), ADA.id(), NOW, NOW.plusSeconds(60)), ADA, verified, disabled);
    }

    @Test
    void a_valid_token_proves_its_owner_who_carries_what_the_one_read_found() {
        Caller caller = authenticator.authenticate(TOKEN).orElseThrow();

        assertEquals(List.of(ADA.id(), Role.ADMIN, Tokens.hash(TOKEN)), List.of(caller.userId(), caller.role(), caller.tokenHash()));
        assertSame(stored, caller.owner());
        assertEquals(List.of(Tokens.hash(TOKEN) + " at " + NOW), asked, "one read, by the hash, at the clock's time");
    }

    @Test
    void a_token_of_a_disabled_user_proves_nobody_even_one_a_login_stored_after_the_disable() {
        stored = owner(true, true);

        assertEquals(Optional.empty(), authenticator.authenticate(TOKEN));
    }

    @Test
    void a_malformed_token_is_refused_without_a_read_and_an_unknown_one_after_it() {
        assertEquals(Optional.empty(), authenticator.authenticate("not a token"));
        assertTrue(asked.isEmpty());

        assertEquals(Optional.empty(), authenticator.authenticate(new Tokens().newToken()));
        assertEquals(1, asked.size());
    }
}
