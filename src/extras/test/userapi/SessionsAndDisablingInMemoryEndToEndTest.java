package userapi;

import org.junit.jupiter.api.Test;
import userapi.auth.InMemoryTokenRepository;
import userapi.auth.StoredToken;
import userapi.auth.Tokens;
import userapi.model.Role;
import userapi.production.Config;
import userapi.production.ProductionApp;
import userapi.repository.InMemoryUserRepository;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sessions and disabled accounts with everything in memory; the test promotes through the repository it hands in,
 * and can slip a token into the store it hands in.
 */
class SessionsAndDisablingInMemoryEndToEndTest extends SessionsAndDisablingEndToEnd {
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository();

    @Override
    String databaseUrl() {
        return Config.MEMORY;
    }

    @Override
    ProductionApp start(Config config) throws Exception {
        return ProductionApp.start(config, users, tokens);
    }

    @Override
    void promote(String email) {
        users.setRole(users.findByEmail(email).orElseThrow().id(), Role.ADMIN);
    }

    @Test
    void a_token_stored_for_a_disabled_user_after_the_revocation_does_not_authenticate() throws Exception {
        target().createUserId("Admin", "admin@example.com");
        UUID bob = UUID.fromString(target().createUserId("Bob", "bob@example.com"));
        promote("admin@example.com");
        target().signIn("admin@example.com", "correct horse");
        assertEquals(200, target().post("/users/" + bob + "/disable", null).status());
        String late = new Tokens().newToken(); // as a login that passed its check just before the disable stores it
        tokens.insert(new StoredToken(Tokens.hash(late), bob, Instant.now(), Instant.now().plusSeconds(60)));

        target().send("GET", "/users/me", null, null, "Authorization", "Bearer " + late)
                .assertProblem(401, "AUTHENTICATION_REQUIRED");
    }
}
