package userapi;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import userapi.audit.AuditEventType;
import userapi.auth.Tokens;
import userapi.production.AdminCommand;
import userapi.production.Config;
import userapi.production.ProductionApp;
import userapi.testing.HttpTarget;
import userapi.testing.OpenApiContract;
import userapi.testing.Reply;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail through HTTP on the real ProductionApp and the admin command: each event of the user service, of
 * account recovery and of the command is written and listed through GET /audit-events, a page at a time through the
 * cursor, filtered, for admins only, and no row or answer holds a password, a token or a hash. One subclass per SQL
 * store (where a change and its row are one transaction).
 */
abstract class AuditTrailEndToEnd {
    private static final String PUBLIC_URL = "https://users.example.com";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_URL) + "/(reset-password|verify-email)#token=([A-Za-z0-9_-]{43})");
    private static final Duration MAIL_WAIT = Duration.ofSeconds(15);
    private static final List<AuditEventType> OWN = List.of(AuditEventType.USER_CREATED, AuditEventType.EMAIL_VERIFIED,
            AuditEventType.PASSWORD_CHANGED, AuditEventType.EMAIL_CHANGED, AuditEventType.PASSWORD_RESET,
            AuditEventType.USER_DELETED);

    private final int smtpPort = freePort();
    private GreenMail smtp;
    private ProductionApp app;
    private HttpTarget api;
    private Map<String, String> env;
    private int mailsSeen;
    /** Every secret this test handles: none may appear in a row or an answer of the audit trail. */
    private final Set<String> secrets = new HashSet<>();

    /** DATABASE_URL of a new, empty database of this store. */
    abstract String databaseUrl() throws Exception;

    /** Runs once the server has stopped: a store of the test's own is dropped here. */
    void afterStop() throws Exception {
    }

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        env = new HashMap<>(Map.of("DATABASE_URL", databaseUrl(), "HOST", "127.0.0.1", "PORT", "0",
                "SHUTDOWN_DRAIN_SECONDS", "0", "PASSWORD_HASH_ITERATIONS", "1000", "PUBLIC_URL", PUBLIC_URL,
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(smtpPort), "SMTP_SECURITY", "none"));
        env.put("MAIL_FROM", "User API <userapi@example.com>");
        app = ProductionApp.start(Config.fromEnvironment(env));
        api = HttpTarget.onPort(app.port());
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        api.close();
        smtp.stop();
        afterStop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token of the next mail's link to this page. */
    private String tokenOfNextMail(String page) throws Exception {
        long deadline = System.nanoTime() + MAIL_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            MimeMessage[] received = smtp.getReceivedMessages();
            if (received.length > mailsSeen) {
                String text = received[mailsSeen++].getContent().toString();
                Matcher link = LINK.matcher(text);
                if (link.find() && link.group(1).equals(page)) {
                    secrets.add(link.group(2));
                    secrets.add(Tokens.hash(link.group(2)));
                    return link.group(2);
                }
                continue;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no mail with a " + page + " link arrived");
    }

    private String signIn(String email, String password) throws Exception {
        String token = api.signIn(email, password);
        secrets.add(token);
        secrets.add(Tokens.hash(token));
        return token;
    }

    private String passwordHashOf(String id) throws SQLException {
        return rows("SELECT password_hash FROM users WHERE id = '" + id + "'").getFirst();
    }

    /** Every column of every row of a query, as text. */
    private List<String> rows(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(env.get("DATABASE_URL"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData columns = rows.getMetaData();
            while (rows.next()) {
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    values.add(rows.getString(i));
                }
            }
        }
        return values;
    }

    /** Every event of a listing, walked page by page through its cursors; also checks the pages' shape. */
    private List<JsonNode> walk(String query, int limit, List<Integer> pageSizes) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        String after = null;
        do {
            Reply reply = api.get("/audit-events?" + query + "&limit=" + limit + (after == null ? "" : "&after=" + after));
            assertEquals(200, reply.status(), reply.body());
            assertNoSecretIn(reply.body());
            JsonNode page = reply.json();
            page.get("items").forEach(events::add);
            pageSizes.add(page.get("items").size());
            after = page.get("next").isNull() ? null : page.get("next").stringValue();
        } while (after != null);
        return events;
    }

    private void assertNoSecretIn(String text) {
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "a secret is in: " + text);
        }
    }

    @Test
    void every_event_of_an_accounts_life_is_written_listed_a_page_at_a_time_and_holds_no_secret() throws Exception {
        String adminId = api.createUserId("Admin", HttpTarget.ADMIN_EMAIL, HttpTarget.ADMIN_PASSWORD);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(AdminCommand.OK, AdminCommand.run(new String[] {"promote", HttpTarget.ADMIN_EMAIL}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8)),
                out.toString(StandardCharsets.UTF_8));
        String adaId = api.createUserId("Ada", "ada@example.com", "correct horse");
        secrets.addAll(List.of(HttpTarget.ADMIN_PASSWORD, "correct horse", "new horse battery", "third horse battery",
                passwordHashOf(adminId), passwordHashOf(adaId)));
        tokenOfNextMail("verify-email"); // the admin's
        assertEquals(204, api.post("/auth/verify-email", api.json("token", tokenOfNextMail("verify-email"))).status());
        signIn(HttpTarget.ADMIN_EMAIL, HttpTarget.ADMIN_PASSWORD);
        assertEquals(200, api.patch("/users/" + adaId, api.json("password", "new horse battery")).status());
        secrets.add(passwordHashOf(adaId));
        assertEquals(200, api.patch("/users/" + adaId, api.json("email", "ada@lovelace.example")).status());
        tokenOfNextMail("verify-email"); // to the new address
        api.authorizeAs(null);
        assertEquals(202, api.post("/auth/password-reset", api.json("email", "ada@lovelace.example")).status());
        assertEquals(204, api.post("/auth/password-reset/confirm", api.json("token", tokenOfNextMail("reset-password"),
                "newPassword", "third horse battery")).status());
        secrets.add(passwordHashOf(adaId));
        String adminToken = signIn(HttpTarget.ADMIN_EMAIL, HttpTarget.ADMIN_PASSWORD);
        assertEquals(204, api.delete("/users/" + adaId).status());

        for (AuditEventType type : OWN) {
            List<JsonNode> ofType = walk("userId=" + adaId + "&type=" + type.label(), 50, new ArrayList<>());
            assertEquals(1, ofType.size(), type.label() + ": " + ofType);
            JsonNode event = ofType.getFirst();
            assertEquals(adaId, event.get("userId").stringValue());
            assertEquals(type.label(), event.get("type").stringValue());
            assertFalse(event.get("requestId").isNull(), type.label());
            assertEquals("127.0.0.1", event.get("clientAddress").stringValue(), type.label());
            boolean byAdmin = type == AuditEventType.PASSWORD_CHANGED || type == AuditEventType.EMAIL_CHANGED
                    || type == AuditEventType.USER_DELETED;
            assertEquals(byAdmin ? adminId : null, event.get("actorId").isNull() ? null : event.get("actorId").stringValue(),
                    type.label());
        }
        List<JsonNode> roles = walk("type=role.changed", 50, new ArrayList<>());
        assertEquals(1, roles.size());
        assertEquals(adminId, roles.getFirst().get("userId").stringValue());
        assertTrue(roles.getFirst().get("actorId").isNull());
        assertEquals(AdminCommand.CLI_REQUEST_ID, roles.getFirst().get("requestId").stringValue());

        List<Integer> pageSizes = new ArrayList<>();
        List<JsonNode> adas = walk("userId=" + adaId, 3, pageSizes);
        assertTrue(pageSizes.size() >= 2, "one page only: " + pageSizes);
        assertEquals(3, pageSizes.getFirst());
        List<String> times = adas.stream().map(e -> e.get("at").stringValue()).toList();
        assertEquals(times.stream().sorted(java.util.Comparator.reverseOrder()).toList(), times, "newest first");
        assertEquals(adas.size(), adas.stream().map(e -> e.get("id").stringValue()).distinct().count(), "an event twice");
        assertTrue(adas.stream().map(e -> e.get("type").stringValue()).toList()
                .containsAll(OWN.stream().map(AuditEventType::label).toList()));
        assertEquals("user.deleted", adas.getFirst().get("type").stringValue());

        assertNoSecretIn(String.join("\n", rows("SELECT * FROM audit_events")));
        api.authorizeAs(adminToken);
    }

    @Test
    void only_an_admin_reads_the_trail_and_bad_parameters_are_named() throws Exception {
        api.createUserId("Bob", "bob@example.com", "correct horse");
        signIn("bob@example.com", "correct horse");

        api.get("/audit-events").assertProblem(403, "FORBIDDEN");

        api.authorizeAs(null);
        api.createUserId("Admin", HttpTarget.ADMIN_EMAIL, HttpTarget.ADMIN_PASSWORD);
        assertEquals(AdminCommand.OK, AdminCommand.run(new String[] {"promote", HttpTarget.ADMIN_EMAIL}, env,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        signIn(HttpTarget.ADMIN_EMAIL, HttpTarget.ADMIN_PASSWORD);
        assertEquals(List.of("type"), api.get("/audit-events?type=user.exploded").assertValidationFailed());
        assertEquals(List.of("userId"), api.get("/audit-events?userId=bob").assertValidationFailed());
        assertEquals(List.of("limit"), api.get("/audit-events?limit=201").assertValidationFailed());
        assertEquals(List.of("after"), api.get("/audit-events?after=forged").assertValidationFailed());
        OpenApiContract contract = new OpenApiContract(api.get("/openapi.json").json());
        Reply first = api.get("/audit-events?type=user.created&limit=1");
        contract.assertDocumented("GET", "/audit-events", first); // nulls included: no actor at a sign-up
        contract.assertDocumented("GET", "/audit-events", api.get("/audit-events?limit=0"));
        JsonNode page = first.json();
        assertNotNull(page.get("next").stringValue());
        assertEquals(List.of("after"), api.get("/audit-events?type=role.changed&after=" + page.get("next").stringValue())
                .assertValidationFailed());
    }
}
