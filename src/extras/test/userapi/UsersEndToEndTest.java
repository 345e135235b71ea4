package userapi;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import userapi.testing.Reply;
import userapi.testing.RunningApp;
import userapi.testing.RunningAppExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end over HTTP: the /users contract (create, read, list, update, delete) against the real ProductionApp, each
 * request made as the user it concerns (signed in) or as an admin where the test is about another user.
 */
@ExtendWith(RunningAppExtension.class)
class UsersEndToEndTest {
    private static final Set<String> USER_FIELDS = Set.of("id", "name", "email", "role", "createdAt", "emailVerified", "disabled");
    private static final String PASSWORD = "correct horse battery staple";
    private static final String KOREAN_50 = "가나다라마바사아자차".repeat(5);

    private RunningApp app;

    @BeforeEach
    void start(RunningApp app) throws Exception {
        this.app = app;
    }


    // --- POST /users ------------------------------------------------------------------------------------------

    @Test
    void creates_user_with_201_location_and_exactly_id_name_email_created_at() throws Exception {
        Reply reply = app.post("/users", app.userJson("Ada", "ada@example.com", PASSWORD));

        assertEquals(201, reply.status(), reply.body());
        assertEquals(Reply.JSON, reply.header("Content-Type"));
        JsonNode user = reply.json();
        assertEquals(USER_FIELDS, Set.copyOf(user.propertyNames()));
        UUID id = UUID.fromString(user.get("id").stringValue());
        assertEquals("/users/" + id, reply.header("Location"));
        assertEquals("Ada", user.get("name").stringValue());
        assertEquals("ada@example.com", user.get("email").stringValue());
        assertEquals("user", user.get("role").stringValue());
        String createdAt = user.get("createdAt").stringValue();
        assertTrue(createdAt.endsWith("Z"), createdAt);
        Instant.parse(createdAt); // ISO-8601, or this throws
    }

    @Test
    void never_shows_the_password_or_its_hash() throws Exception {
        String id = app.createUser("Ada", "ada@example.com", PASSWORD).get("id").stringValue();
        app.promote("ada@example.com"); // to read the list too
        app.signIn("ada@example.com", PASSWORD);
        List<Reply> replies = List.of(
                app.get("/users/" + id),
                app.get("/users/me"),
                app.get("/users"),
                app.patch("/users/" + id, app.json("password", "another secret phrase", "currentPassword", PASSWORD)),
                app.post("/users", app.userJson("Bob", "bob@example.com", "bobs own secret")));

        for (Reply reply : replies) {
            assertTrue(reply.status() == 200 || reply.status() == 201, reply.body());
            for (String forbidden : List.of(PASSWORD, "another secret phrase", "bobs own secret", "password", "hash", "pbkdf2")) {
                assertFalse(reply.body().toLowerCase(Locale.ROOT).contains(forbidden), reply.body());
            }
        }
    }

    @Test
    void trims_name_and_email_and_lower_cases_email() throws Exception {
        JsonNode user = app.createUser("  Ada Lovelace \t", "  Ada.Lovelace@Example.COM ", PASSWORD);

        assertEquals("Ada Lovelace", user.get("name").stringValue());
        assertEquals("ada.lovelace@example.com", user.get("email").stringValue());
        app.signIn("ada.lovelace@example.com", PASSWORD);
        JsonNode stored = app.get("/users/" + user.get("id").stringValue()).json();
        assertEquals("Ada Lovelace", stored.get("name").stringValue());
        assertEquals("ada.lovelace@example.com", stored.get("email").stringValue());
    }

    @Test
    void accepts_a_name_of_50_korean_syllables() throws Exception {
        JsonNode user = app.createUser(KOREAN_50, "kim@example.com", PASSWORD);

        assertEquals(KOREAN_50, user.get("name").stringValue());
        app.signIn("kim@example.com", PASSWORD);
        assertEquals(KOREAN_50, app.get("/users/" + user.get("id").stringValue()).json().get("name").stringValue());
    }

    @Test
    void rejects_a_name_of_51_korean_syllables() throws Exception {
        Reply reply = app.post("/users", app.userJson(KOREAN_50 + "카", "kim@example.com", PASSWORD));

        assertEquals(List.of("name"), reply.assertValidationFailed());
        assertEquals(0, total());
    }

    @ParameterizedTest
    @ValueSource(strings = {"spam@mailinator.com", "Spam@MAILINATOR.COM", "spam@eu.mailinator.com"})
    void rejects_a_blocked_email_domain_with_422(String email) throws Exception {
        Reply reply = app.post("/users", app.userJson("Spammer", email, PASSWORD));

        reply.assertProblem(422, "EMAIL_DOMAIN_NOT_ALLOWED");
        assertEquals(0, total());
    }

    @Test
    void rejects_an_email_already_registered_in_another_case_with_409() throws Exception {
        app.createUser("Ada", "ada@example.com", PASSWORD);

        Reply reply = app.post("/users", app.userJson("Other Ada", "ADA@Example.com", PASSWORD));

        reply.assertProblem(409, "EMAIL_ALREADY_REGISTERED");
        assertEquals(1, total());
    }

    @Test
    void takes_a_full_width_spelling_for_the_plain_address_and_refuses_a_cyrillic_look_alike() throws Exception {
        app.createUser("Dave", "dave@example.com", PASSWORD);

        app.post("/users", app.userJson("Eve", "d\uFF41ve@example.com", PASSWORD)).assertProblem(409, "EMAIL_ALREADY_REGISTERED");
        assertEquals(List.of("email"), app.post("/users", app.userJson("Eve", "d\u0430ve@example.com", PASSWORD))
                .assertValidationFailed());
        assertEquals(1, total());
        app.logIn("d\uFF41ve@example.com", PASSWORD); // the same account, however it is typed
    }

    @Test
    void refuses_an_invisible_name_or_one_with_a_bidirectional_override_on_create_and_update() throws Exception {
        assertEquals(List.of("name"), app.post("/users", app.userJson("\u200B", "eve@example.com", PASSWORD))
                .assertValidationFailed());
        assertEquals(List.of("name"), app.post("/users", app.userJson("\u202Eevil.exe", "eve@example.com", PASSWORD))
                .assertValidationFailed());
        JsonNode user = app.createUser("Ada", "ada@example.com", PASSWORD);
        String path = "/users/" + user.get("id").stringValue();
        app.signIn("ada@example.com", PASSWORD);

        assertEquals(List.of("name"), app.patch(path, app.json("name", "\u2067Ada\u2069")).assertValidationFailed());
        assertEquals(user, ok(app.get(path)));
    }

    @Test
    void lets_exactly_one_of_20_concurrent_creates_with_one_email_succeed() throws Exception {
        int clients = 20;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                String email = i % 2 == 0 ? "race@example.com" : "RACE@example.com";
                String body = app.userJson("Racer " + i, email, PASSWORD);
                statuses.add(pool.submit(() -> {
                    assertTrue(go.await(20, TimeUnit.SECONDS));
                    return app.post("/users", body).status();
                }));
            }
            go.countDown();
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                seen.add(status.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, Collections.frequency(seen, 201), seen.toString());
            assertEquals(clients - 1, Collections.frequency(seen, 409), seen.toString());
        }
        assertEquals(1, total());
    }

    @ParameterizedTest
    @CsvSource({"id, 3f1c2b9e-8a4d-4c1e-9f00-1234567890ab", "createdAt, 2000-01-01T00:00:00Z"})
    void refuses_a_client_chosen_field_with_422_naming_it_and_creates_nothing(String field, String value) throws Exception {
        String body = app.json("name", "Ada", "email", "ada@example.com", "password", PASSWORD, field, value);

        Reply reply = app.post("/users", body);

        assertEquals(List.of(field), reply.assertValidationFailed());
        assertEquals(0, total());
        app.createUser("Ada", "ada@example.com", PASSWORD); // the e-mail is still free
    }

    @Test
    void accepts_application_json_with_a_charset_parameter() throws Exception {
        Reply reply = app.send("POST", "/users", "application/json; charset=utf-8", app.userJson("Ada", "ada@example.com", PASSWORD));

        assertEquals(201, reply.status(), reply.body());
    }

    // --- GET /users/{id} --------------------------------------------------------------------------------------

    @Test
    void gets_a_user_by_id() throws Exception {
        JsonNode created = app.createUser("Ada", "ada@example.com", PASSWORD);
        app.signIn("ada@example.com", PASSWORD);

        Reply reply = app.get("/users/" + created.get("id").stringValue());

        assertEquals(200, reply.status(), reply.body());
        assertEquals(created, reply.json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/users/3f1c2b9e-8a4d-4c1e-9f00-1234567890ab", "/users/not-a-uuid", "/users/1-1-1-1-1"})
    void answers_404_user_not_found_for_an_unknown_or_malformed_id_to_an_admin(String path) throws Exception {
        app.createUser("Ada", "ada@example.com", PASSWORD);
        app.signInAsAdmin();

        app.get(path).assertProblem(404, "USER_NOT_FOUND");
    }

    // --- GET /users -------------------------------------------------------------------------------------------

    @Test
    void lists_users_oldest_first_with_total_limit_and_offset() throws Exception {
        for (String name : List.of("First", "Second", "Third")) {
            app.createUser(name, name.toLowerCase(Locale.ROOT) + "@example.com", PASSWORD);
        }
        app.promote("first@example.com");
        app.signIn("first@example.com", PASSWORD);

        JsonNode all = ok(app.get("/users"));
        assertEquals(Set.of("items", "total", "limit", "offset", "next"), Set.copyOf(all.propertyNames()));
        assertEquals(List.of("First", "Second", "Third"), names(all));
        assertEquals(3, all.get("total").intValue());
        assertEquals(20, all.get("limit").intValue());
        assertEquals(0, all.get("offset").intValue());
        for (JsonNode item : all.get("items").values()) {
            assertEquals(USER_FIELDS, Set.copyOf(item.propertyNames()));
        }

        JsonNode page = ok(app.get("/users?limit=2&offset=1"));
        assertEquals(List.of("Second", "Third"), names(page));
        assertEquals(3, page.get("total").intValue());
        assertEquals(2, page.get("limit").intValue());
        assertEquals(1, page.get("offset").intValue());

        JsonNode beyond = ok(app.get("/users?limit=100&offset=3"));
        assertEquals(List.of(), names(beyond));
        assertEquals(3, beyond.get("total").intValue());
    }

    @ParameterizedTest
    @CsvSource({"limit=0, limit", "limit=101, limit", "limit=abc, limit", "offset=-1, offset"})
    void rejects_a_bad_paging_parameter_with_422_naming_it(String query, String parameter) throws Exception {
        app.signInAsAdmin();
        assertEquals(List.of(parameter), app.get("/users?" + query).assertValidationFailed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=abc&offset=-1", "limit=0&offset=abc", "limit=abc&offset=x", "limit=101&offset=-5"})
    void reports_both_bad_paging_parameters_at_once(String query) throws Exception {
        app.signInAsAdmin();
        assertEquals(Set.of("limit", "offset"), Set.copyOf(app.get("/users?" + query).assertValidationFailed()));
    }

    // --- PATCH /users/{id} ------------------------------------------------------------------------------------

    @Test
    void updates_the_name_alone() throws Exception {
        JsonNode user = app.createUser("Ada", "ada@example.com", PASSWORD);
        String path = "/users/" + user.get("id").stringValue();
        app.signIn("ada@example.com", PASSWORD);

        JsonNode updated = ok(app.patch(path, app.json("name", "  Ada Lovelace  "))); // no current password needed

        assertEquals(USER_FIELDS, Set.copyOf(updated.propertyNames()));
        assertEquals("Ada Lovelace", updated.get("name").stringValue());
        assertEquals(user.get("email"), updated.get("email"));
        assertEquals(user.get("id"), updated.get("id"));
        assertEquals(user.get("createdAt"), updated.get("createdAt"));
        assertEquals(updated, ok(app.get(path)));
    }

    @Test
    void updates_the_email_alone_trimmed_and_lower_cased() throws Exception {
        JsonNode user = app.createUser("Ada", "ada@example.com", PASSWORD);
        String path = "/users/" + user.get("id").stringValue();

        app.signIn("ada@example.com", PASSWORD);

        JsonNode updated = ok(app.patch(path, app.json("email", " Ada@Lovelace.ORG ", "currentPassword", PASSWORD)));

        assertEquals("ada@lovelace.org", updated.get("email").stringValue());
        assertEquals("Ada", updated.get("name").stringValue());
        assertEquals(updated, ok(app.get(path)));
        app.createUser("Someone", "ada@example.com", PASSWORD); // the old address is free again
    }

    @Test
    void updates_the_password_alone_without_showing_it() throws Exception {
        JsonNode user = app.createUser("Ada", "ada@example.com", PASSWORD);
        String path = "/users/" + user.get("id").stringValue();

        app.signIn("ada@example.com", PASSWORD);

        Reply reply = app.patch(path, app.json("password", "a brand new passphrase", "currentPassword", PASSWORD));

        assertEquals(user, ok(reply));
        assertFalse(reply.body().contains("a brand new passphrase"), reply.body());
        assertEquals(200, app.get(path).status(), "the token used for the change stays valid");
        app.logIn("ada@example.com", "a brand new passphrase");
    }

    @Test
    void keeps_its_own_email_when_patched_with_it_in_another_case() throws Exception {
        JsonNode user = app.createUser("Ada", "ada@example.com", PASSWORD);
        app.signIn("ada@example.com", PASSWORD);

        JsonNode updated = ok(app.patch("/users/" + user.get("id").stringValue(),
                app.json("email", "ADA@example.com", "currentPassword", PASSWORD)));

        assertEquals("ada@example.com", updated.get("email").stringValue());
    }

    @Test
    void rejects_invalid_update_fields_with_422_listing_each_and_changes_nothing() throws Exception {
        JsonNode user = app.createUser("Ada", "ada@example.com", PASSWORD);
        String path = "/users/" + user.get("id").stringValue();

        app.signIn("ada@example.com", PASSWORD);

        Reply reply = app.patch(path, app.json("name", "", "email", "not-an-email", "password", "short",
                "currentPassword", PASSWORD));

        assertEquals(List.of("name", "email", "password"), reply.assertValidationFailed());
        assertEquals(user, ok(app.get(path)));
    }

    @Test
    void rejects_a_blocked_email_domain_in_an_update_with_422() throws Exception {
        JsonNode user = app.createUser("Ada", "ada@example.com", PASSWORD);
        String path = "/users/" + user.get("id").stringValue();

        app.signIn("ada@example.com", PASSWORD);

        app.patch(path, app.json("email", "ada@mailinator.com", "currentPassword", PASSWORD))
                .assertProblem(422, "EMAIL_DOMAIN_NOT_ALLOWED");
        assertEquals(user, ok(app.get(path)));
    }

    @Test
    void rejects_an_update_to_a_taken_email_with_409() throws Exception {
        app.createUser("Ada", "ada@example.com", PASSWORD);
        JsonNode bob = app.createUser("Bob", "bob@example.com", PASSWORD);
        String path = "/users/" + bob.get("id").stringValue();

        app.signIn("bob@example.com", PASSWORD);

        app.patch(path, app.json("email", "Ada@Example.com", "currentPassword", PASSWORD))
                .assertProblem(409, "EMAIL_ALREADY_REGISTERED");
        assertEquals(bob, ok(app.get(path)));
    }

    @Test
    void answers_404_to_an_admin_updating_an_unknown_user() throws Exception {
        app.signInAsAdmin();
        app.patch("/users/3f1c2b9e-8a4d-4c1e-9f00-1234567890ab", app.json("name", "Nobody"))
                .assertProblem(404, "USER_NOT_FOUND");
    }

    // --- DELETE /users/{id} -----------------------------------------------------------------------------------

    @Test
    void deletes_a_user_with_204_and_then_answers_404() throws Exception {
        String path = "/users/" + app.createUser("Ada", "ada@example.com", PASSWORD).get("id").stringValue();

        app.signIn("ada@example.com", PASSWORD);

        Reply deleted = app.sendJson("DELETE", path, app.json("currentPassword", PASSWORD));

        assertEquals(204, deleted.status(), deleted.body());
        assertEquals("", deleted.body());
        app.get(path).assertProblem(401, "AUTHENTICATION_REQUIRED"); // the token died with its user
        assertEquals(0, total());
        app.signInAsAdmin();
        app.get(path).assertProblem(404, "USER_NOT_FOUND");
    }

    @Test
    void answers_404_to_an_admin_deleting_an_unknown_user() throws Exception {
        app.signInAsAdmin();
        app.delete("/users/3f1c2b9e-8a4d-4c1e-9f00-1234567890ab").assertProblem(404, "USER_NOT_FOUND");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static JsonNode ok(Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        assertEquals(Reply.JSON, reply.header("Content-Type"));
        return reply.json();
    }

    /** How many users are stored, read from the repository (the list is for admins only). */
    private long total() {
        return app.storedUsers();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        for (JsonNode item : page.get("items").values()) {
            names.add(item.get("name").stringValue());
        }
        return names;
    }
}
