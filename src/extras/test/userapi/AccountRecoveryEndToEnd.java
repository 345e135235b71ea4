package userapi;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import userapi.account.DefaultAccountService;
import userapi.account.OutboxSender;
import userapi.auth.DefaultAuthService;
import userapi.auth.SignedInUsers;
import userapi.http.EdgeFilter;
import userapi.http.LogCapture;
import userapi.production.Config;
import userapi.production.ProductionApp;
import userapi.testing.HttpTarget;
import userapi.testing.Reply;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account lifecycle through HTTP on the real ProductionApp, with GreenMail as the mail server: sign-up and
 * verification, a forgotten password and its reset, an address change, and the outbox. One subclass per store.
 */
abstract class AccountRecoveryEndToEnd {
    static final String PUBLIC_URL = "https://users.example.com";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_URL) + "/(reset-password|verify-email)#token=([A-Za-z0-9_-]{43})");
    private static final Duration MAIL_WAIT = Duration.ofSeconds(15);

    private final int smtpPort = freePort();
    private GreenMail smtp;
    private ProductionApp app;
    private HttpTarget api;
    private LogCapture log;
    private final Set<String> seen = new HashSet<>(); // Message-IDs

    /** DATABASE_URL (and anything else the store needs) for this store. */
    abstract Map<String, String> store() throws Exception;

    /** Whether the store outlives the process (the outbox then survives a restart). */
    abstract boolean persists();

    /** Runs once the server has stopped: a store of the test's own is dropped here. */
    void afterStop() throws Exception {
    }

    @BeforeEach
    void start() throws Exception {
        log = LogCapture.attach(DefaultAccountService.class, OutboxSender.class, EdgeFilter.class, SignedInUsers.class,
                DefaultAuthService.class, ProductionApp.class);
        smtp = startSmtp();
        startApp(Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        api.close();
        smtp.stop();
        log.close();
        afterStop();
    }

    private GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private void startApp(Map<String, String> more) throws Exception {
        Map<String, String> env = new HashMap<>(store());
        env.putAll(Map.of("HOST", "127.0.0.1", "PORT", "0", "SHUTDOWN_DRAIN_SECONDS", "0",
                "PASSWORD_HASH_ITERATIONS", "1000", "PUBLIC_URL", PUBLIC_URL,
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(smtpPort), "SMTP_SECURITY", "none",
                "MAIL_FROM", "User API <userapi@example.com>"));
        env.putAll(more);
        app = ProductionApp.start(Config.fromEnvironment(env));
        if (api != null) {
            api.close();
        }
        api = HttpTarget.onPort(app.port());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The next mail to arrive (mails are sent in the background within about a second): one not seen before, told
     * apart by its Message-ID, since GreenMail lists the mails by mailbox, not in the order they came.
     */
    private MimeMessage nextMail() throws Exception {
        long deadline = System.nanoTime() + MAIL_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage received : smtp.getReceivedMessages()) {
                if (seen.add(received.getMessageID())) {
                    return received;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no mail arrived within " + MAIL_WAIT.toSeconds() + " s");
    }

    /** No further mail arrives within a couple of the sender's rounds. */
    private void assertNoMoreMail() throws Exception {
        Thread.sleep(OutboxSender.POLL.multipliedBy(3).toMillis());
        assertEquals(seen.size(), smtp.getReceivedMessages().length, "an unexpected mail arrived");
    }

    private static String to(MimeMessage mail) throws Exception {
        return mail.getAllRecipients()[0].toString();
    }

    private static String text(MimeMessage mail) throws Exception {
        return mail.getContent().toString();
    }

    private static String token(MimeMessage mail, String page) throws Exception {
        Matcher link = LINK.matcher(text(mail));
        assertTrue(link.find(), "no link in: " + text(mail));
        assertEquals(page, link.group(1));
        return link.group(2);
    }

    private String signUp(String email, String password) throws Exception {
        String id = api.createUserId("Ada", email, password);
        MimeMessage welcome = nextMail();
        assertEquals(email, to(welcome));
        return id;
    }

    @Test
    void a_new_user_verifies_the_address_with_the_link_in_the_mail_once() throws Exception {
        api.createUserId("Ada", "ada@example.com", "correct horse");
        MimeMessage mail = nextMail();
        assertEquals("ada@example.com", to(mail));
        assertEquals("User API <userapi@example.com>", mail.getFrom()[0].toString());
        assertTrue(mail.getSubject().contains("ada@example.com"), mail.getSubject());
        String token = token(mail, "verify-email");
        api.signIn("ada@example.com", "correct horse");
        assertFalse(api.get("/users/me").json().get("emailVerified").booleanValue());

        assertEquals(204, api.post("/auth/verify-email", api.json("token", token)).status());

        assertTrue(api.get("/users/me").json().get("emailVerified").booleanValue());
        api.post("/auth/verify-email", api.json("token", token)).assertProblem(400, "INVALID_OR_EXPIRED_TOKEN");
    }

    @Test
    void a_forgotten_password_is_reset_by_mail_and_every_session_ends() throws Exception {
        signUp("ada@example.com", "correct horse");
        String oldSession = api.signIn("ada@example.com", "correct horse");
        api.authorizeAs(null);

        Reply asked = api.post("/auth/password-reset", api.json("email", "ada@example.com"));
        assertEquals(202, asked.status());
        assertEquals("", asked.body());
        String token = token(nextMail(), "reset-password");

        assertEquals(List.of("newPassword"), api.post("/auth/password-reset/confirm",
                api.json("token", token, "newPassword", "short")).assertValidationFailed());
        assertEquals(204, api.post("/auth/password-reset/confirm",
                api.json("token", token, "newPassword", "new horse battery")).status());

        api.authorizeAs(oldSession);
        assertEquals(401, api.get("/users/me").status());
        api.authorizeAs(null);
        assertEquals(401, api.post("/auth/login", api.json("email", "ada@example.com", "password", "correct horse")).status());
        api.signIn("ada@example.com", "new horse battery");
        assertTrue(api.get("/users/me").json().get("emailVerified").booleanValue(), "the reset mail proved the address");
        api.post("/auth/password-reset/confirm", api.json("token", token, "newPassword", "third horse battery"))
                .assertProblem(400, "INVALID_OR_EXPIRED_TOKEN");
    }

    @Test
    void a_reset_for_an_address_without_an_account_gets_the_same_answer_and_mails_no_one() throws Exception {
        signUp("ada@example.com", "correct horse");

        Reply known = api.post("/auth/password-reset", api.json("email", "ada@example.com"));
        Reply unknown = api.post("/auth/password-reset", api.json("email", "nobody@example.com"));

        assertEquals(known.status(), unknown.status());
        assertEquals(known.body(), unknown.body());
        assertEquals(known.header("Content-Length"), unknown.header("Content-Length"));
        assertEquals("ada@example.com", to(nextMail()));
        assertNoMoreMail();
    }

    @Test
    void at_most_three_reset_mails_an_hour_go_to_one_address_and_every_request_is_answered_alike() throws Exception {
        signUp("ada@example.com", "correct horse");

        for (int i = 0; i < 5; i++) {
            assertEquals(202, api.post("/auth/password-reset", api.json("email", "ada@example.com")).status());
        }

        for (int i = 0; i < 3; i++) {
            token(nextMail(), "reset-password");
        }
        assertNoMoreMail();
    }

    @Test
    void a_reset_request_with_a_malformed_address_is_a_validation_failure() throws Exception {
        assertEquals(List.of("email"), api.post("/auth/password-reset", api.json("email", "not an address")).assertValidationFailed());
        api.post("/auth/verify-email", api.json("token", "x".repeat(500))).assertValidationFailed();
        api.post("/auth/verify-email", api.json("token", "not-a-token")).assertProblem(400, "INVALID_OR_EXPIRED_TOKEN");
    }

    @Test
    void a_new_address_is_unverified_gets_a_link_the_old_one_a_notice_and_other_sessions_end() throws Exception {
        String id = signUp("ada@example.com", "correct horse");
        String otherSession = api.logIn("ada@example.com", "correct horse");
        String session = api.signIn("ada@example.com", "correct horse");

        Reply changed = api.patch("/users/" + id, api.json("email", "ada@lovelace.example", "currentPassword", "correct horse"));

        assertEquals(200, changed.status(), changed.body());
        assertFalse(changed.json().get("emailVerified").booleanValue());
        MimeMessage first = nextMail();
        MimeMessage second = nextMail(); // queued in the same millisecond: in either order
        MimeMessage notice = to(first).equals("ada@example.com") ? first : second;
        MimeMessage verify = notice == first ? second : first;
        assertEquals("ada@example.com", to(notice));
        assertTrue(text(notice).contains("ada@lovelace.example"), text(notice));
        assertFalse(text(notice).contains("#token="), text(notice));
        assertEquals("ada@lovelace.example", to(verify));
        String token = token(verify, "verify-email");
        api.authorizeAs(otherSession);
        assertEquals(401, api.get("/users/me").status());
        api.authorizeAs(session);
        assertEquals(204, api.post("/auth/verify-email", api.json("token", token)).status());
        assertTrue(api.get("/users/me").json().get("emailVerified").booleanValue());
    }

    @Test
    void a_signed_in_user_asks_for_a_new_verification_link() throws Exception {
        signUp("ada@example.com", "correct horse");
        assertEquals(401, api.post("/auth/verify-email/resend", null).status());
        api.signIn("ada@example.com", "correct horse");

        assertEquals(202, api.post("/auth/verify-email/resend", null).status());

        assertEquals(204, api.post("/auth/verify-email", api.json("token", token(nextMail(), "verify-email"))).status());
        assertEquals(202, api.post("/auth/verify-email/resend", null).status());
        assertNoMoreMail();
    }

    @Test
    void with_verified_addresses_required_only_a_verified_address_gets_a_token() throws Exception {
        app.close();
        app = null;
        startApp(Map.of("REQUIRE_VERIFIED_EMAIL", "true"));
        api.createUserId("Ada", "ada@example.com", "correct horse");
        String first = token(nextMail(), "verify-email");

        api.post("/auth/login", api.json("email", "ada@example.com", "password", "correct horse"))
                .assertProblem(403, "EMAIL_NOT_VERIFIED");
        String fresh = token(nextMail(), "verify-email"); // a refused sign-in sends a new link: an expired one is no dead end
        api.post("/auth/login", api.json("email", "ada@example.com", "password", "wrong horse"))
                .assertProblem(401, "INVALID_CREDENTIALS");
        assertNoMoreMail();
        api.post("/auth/verify-email", api.json("token", first)).assertProblem(400, "INVALID_OR_EXPIRED_TOKEN");
        assertEquals(204, api.post("/auth/verify-email", api.json("token", fresh)).status());
        api.logIn("ada@example.com", "correct horse");
    }

    @Test
    void no_token_nor_password_reaches_a_log_line() throws Exception {
        signUp("ada@example.com", "correct horse");
        api.post("/auth/password-reset", api.json("email", "ada@example.com"));
        String token = token(nextMail(), "reset-password");
        api.post("/auth/password-reset/confirm", api.json("token", token, "newPassword", "new horse battery"));

        List<String> lines = log.all().stream().map(LogCapture.Captured::line).toList();
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            assertFalse(line.contains(token) || line.contains("#token") || line.contains("new horse battery")
                    || line.contains("correct horse"), line);
        }
    }

    @Test
    void the_metrics_count_the_mails_sent_and_the_outbox() throws Exception {
        signUp("ada@example.com", "correct horse");

        // the mail server has the mail a moment before the sender counts it, and the count a moment before the
        // sender has taken it out of the outbox: wait for both
        String metrics = api.get("/metrics").body();
        long deadline = System.nanoTime() + MAIL_WAIT.toNanos();
        while (!(metrics.contains("userapi_mails_sent_total 1.0") && metrics.contains("userapi_mail_outbox_size 0.0"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            metrics = api.get("/metrics").body();
        }

        assertTrue(metrics.contains("userapi_mails_sent_total 1.0"), metrics);
        assertTrue(metrics.contains("userapi_mail_attempts_failed_total"), metrics);
        assertTrue(metrics.contains("userapi_mail_outbox_size 0.0"), metrics);
    }

    @Test
    void a_mail_queued_while_the_mail_server_is_down_arrives_once_it_is_back_even_after_a_restart() throws Exception {
        signUp("ada@example.com", "correct horse");
        smtp.stop();

        Reply asked = api.post("/auth/password-reset", api.json("email", "ada@example.com"));
        assertEquals(202, asked.status(), () -> asked.body() + "\n" + String.join("\n", log.all().stream().map(LogCapture.Captured::line).toList()));
        Thread.sleep(OutboxSender.POLL.multipliedBy(2).toMillis()); // at least one failed attempt
        assertTrue(api.get("/metrics").body().contains("userapi_mail_outbox_size 1.0"));
        if (persists()) {
            app.close();
            app = null;
            startApp(Map.of());
        }
        smtp = startSmtp();
        seen.clear();

        token(nextMail(), "reset-password"); // the first retry comes within 10 s
    }
}
