package userapi;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import userapi.testing.Chromium;
import userapi.testing.Reply;
import userapi.testing.RunningJar;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real browser on the pages the mails link to. The real jar writes each mail as an .eml file; headless Chromium
 * (Debian's chromium package) opens the very link in it, and the API then shows what the page did: the address is
 * verified; the new password signs in, the old one and the old session no longer do, and the link works once. The
 * reset form is filled and sent as a user would, through Chromium's DevTools protocol (typed text, a mouse click).
 * Every name but 127.0.0.1 fails to resolve, Chromium's network log shows the pages asked no other host for
 * anything, no Content-Security-Policy violation is logged, and the token reaches no log of the server.
 * Without chromium this test fails (CI installs it in .ci/run); SKIP_BROWSER_TESTS=1 skips it on purpose.
 */
class AccountPagesInBrowserTest {
    private static final Duration BROWSER_LIMIT = Duration.ofSeconds(30);
    private static final Duration MAIL_LIMIT = Duration.ofSeconds(10);
    private static final Duration PAGE_LIMIT = Duration.ofSeconds(10);
    private static final String EMAIL = "ada@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final String CHANGED = "Your password has been changed. You can sign in with it now; "
            + "every other session has been signed out.";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Predicate<JsonNode> TRUE = value -> value.isBoolean() && value.booleanValue();

    @Test
    void the_link_in_the_sign_up_mail_verifies_the_address(@TempDir Path dir) throws Exception {
        String chromium = Chromium.find();
        Path mails = dir.resolve("mail");
        try (RunningJar jar = RunningJar.start(dir, Map.of("DATABASE_URL", "memory", "MAIL_DIR", mails.toString()))) {
            String origin = "http://127.0.0.1:" + jar.port();
            jar.createUser("Ada", EMAIL, PASSWORD);
            String link = awaitLink(jar, mails, "/verify-email");
            assertTrue(link.startsWith(origin + "/verify-email#token="), link);
            Path netLog = dir.resolve("net-log.json");
            Path stderr = dir.resolve("chromium-stderr.txt");

            String dom = dumpDom(chromium, dir, netLog, stderr, link);

            assertTrue(dom.contains("Your address is verified"), "the page did not say so; it was:\n" + dom);
            jar.signIn(EMAIL, PASSWORD);
            Reply me = jar.get("/users/me");
            assertEquals(200, me.status(), me.body());
            assertTrue(me.json().get("emailVerified").booleanValue(), me.body());
            assertOnlyThisServer(Chromium.pageRequests(netLog, origin), origin, origin + "/verify-email");
            assertNoPolicyViolation(stderr);
            assertAccessLoggedWithoutToken(jar, link, "POST /auth/verify-email 204");
        }
    }

    @Test
    void the_link_in_the_reset_mail_changes_the_password_once(@TempDir Path dir) throws Exception {
        String chromium = Chromium.find();
        Path mails = dir.resolve("mail");
        try (RunningJar jar = RunningJar.start(dir, Map.of("DATABASE_URL", "memory", "MAIL_DIR", mails.toString()))) {
            String origin = "http://127.0.0.1:" + jar.port();
            jar.createUser("Ada", EMAIL, PASSWORD);
            String oldSession = jar.logIn(EMAIL, PASSWORD);
            assertEquals(202, jar.post("/auth/password-reset", "{\"email\":\"" + EMAIL + "\"}").status());
            String link = awaitLink(jar, mails, "/reset-password");
            assertTrue(link.startsWith(origin + "/reset-password#token="), link);
            Path netLog = dir.resolve("net-log.json");
            Path stderr = dir.resolve("chromium-stderr.txt");

            try (Browser browser = Browser.start(chromium, dir, netLog, stderr)) {
                browser.open(link);
                browser.await("the form", "!document.querySelector('form').hidden", TRUE);
                assertEquals(origin + "/reset-password", browser.evaluate("location.href").asString(),
                        "the token must leave the address bar");

                browser.type("New password", NEW_PASSWORD);
                browser.type("Repeat the new password", NEW_PASSWORD + "!");
                browser.click("Change password");
                browser.awaitOutcome("do not match");

                browser.type("New password", "short");
                browser.type("Repeat the new password", "short");
                browser.click("Change password");
                browser.awaitOutcome("New password: length must be between 8 and 128");
                assertEquals("New password", browser.evaluate("document.activeElement.labels[0].textContent").asString(),
                        "the field in error has the focus");
                assertEquals("true", browser.evaluate("document.activeElement.getAttribute('aria-invalid')").asString());
                String described = browser.evaluate("document.activeElement.getAttribute('aria-describedby').split(' ')"
                        + ".map(id => document.getElementById(id).textContent).join(' ')").asString();
                assertTrue(described.contains("length must be between 8 and 128"), "the field's error is not beside it: " + described);

                browser.type("New password", NEW_PASSWORD);
                browser.type("Repeat the new password", NEW_PASSWORD);
                browser.click("Change password");
                assertEquals(CHANGED, browser.awaitOutcome(CHANGED));
                assertTrue(TRUE.test(browser.evaluate("document.querySelector('form').hidden")), "the form is gone");

                browser.open("about:blank"); // else the same URL with a fragment would not load the page again
                browser.open(link);
                browser.await("the form", "!document.querySelector('form').hidden", TRUE);
                browser.type("New password", "yet another passphrase");
                browser.type("Repeat the new password", "yet another passphrase");
                browser.click("Change password");
                String reused = browser.awaitOutcome("This link is invalid or has expired");
                assertTrue(reused.contains("ask for a new password reset mail"), reused);

                assertEquals(List.of(), browser.scriptErrors(), "the page's script failed");
            }

            assertEquals(200, login(jar, NEW_PASSWORD).status(), "the new password signs in");
            assertEquals(401, login(jar, PASSWORD).status(), "the old password no longer does");
            assertEquals(401, login(jar, "yet another passphrase").status(), "the used link changed nothing");
            assertEquals(401, jar.send("GET", "/users/me", null, null, "Authorization", "Bearer " + oldSession).status(),
                    "the session from before the reset is signed out");
            assertOnlyThisServer(Chromium.pageRequests(netLog, origin), origin, origin + "/reset-password");
            assertNoPolicyViolation(stderr);
            assertAccessLoggedWithoutToken(jar, link, "POST /auth/password-reset/confirm 204");
        }
    }

    private static Reply login(RunningJar jar, String password) throws IOException, InterruptedException {
        return jar.post("/auth/login", "{\"email\":\"" + EMAIL + "\",\"password\":\"" + password + "\"}");
    }

    /**
     * The link to the page in the newest mail that has one, parsed as a mail client would (any transfer encoding),
     * polled for: the server queues its mails and sends them in the background.
     */
    private static String awaitLink(RunningJar jar, Path mails, String page) throws Exception {
        Pattern link = Pattern.compile("^(\\S*" + Pattern.quote(page) + "#token=[^\\s#?&]+)\\r?\\n", Pattern.MULTILINE);
        long deadline = System.nanoTime() + MAIL_LIMIT.toNanos();
        do {
            if (Files.isDirectory(mails)) {
                List<Path> files;
                try (Stream<Path> listing = Files.list(mails)) {
                    files = listing.filter(file -> file.toString().endsWith(".eml")).sorted().toList().reversed();
                }
                for (Path file : files) {
                    Matcher found = link.matcher(text(file));
                    if (found.find()) {
                        return found.group(1);
                    }
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return fail("no mail with a " + page + " link under " + mails + " within " + MAIL_LIMIT + "; the server said:\n"
                + jar.console());
    }

    /** The text of an .eml file, or "" while it is still being written. */
    private static String text(Path eml) throws IOException {
        try (InputStream in = Files.newInputStream(eml)) {
            Object content = new MimeMessage(Session.getInstance(new Properties()), in).getContent();
            return content instanceof String text ? text : "";
        } catch (MessagingException e) {
            return "";
        }
    }

    /** The access line shows the page's request; the token is in no log line and no console line of the server. */
    private static void assertAccessLoggedWithoutToken(RunningJar jar, String link, String accessLine) throws Exception {
        String token = link.substring(link.indexOf("#token=") + "#token=".length());
        String log = RunningJar.await(jar::logFile, text -> text.contains(accessLine), Duration.ofSeconds(10));
        assertTrue(log.contains(accessLine), log);
        assertFalse(log.contains(token), "the token reached the server's log:\n" + log);
        assertFalse(jar.console().contains(token), "the token reached the server's console:\n" + jar.console());
    }

    private static void assertOnlyThisServer(List<String> requests, String origin, String page) {
        assertTrue(requests.contains(page), "the page was not loaded: " + requests);
        for (String url : requests) {
            assertTrue(url.startsWith(origin + "/"), "the page asked another host: " + url + " of " + requests);
            assertFalse(url.contains("token"), "a request carried the token in its URL: " + url);
        }
    }

    private static void assertNoPolicyViolation(Path stderr) throws IOException {
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        assertTrue(!log.contains("Content Security Policy") && !log.contains("Refused to"),
                "the page tried something its Content-Security-Policy forbids; chromium's log:\n" + log);
    }

    /** The page's DOM once its script has run: Chromium's --dump-dom, with virtual time for the fetch to finish. */
    private static String dumpDom(String chromium, Path dir, Path netLog, Path stderr, String url)
            throws IOException, InterruptedException {
        Path stdout = dir.resolve("chromium-stdout.html");
        List<String> command = new ArrayList<>(browserFlags(chromium, dir, netLog));
        command.addAll(List.of("--virtual-time-budget=10000", "--dump-dom", url));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!process.waitFor(BROWSER_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                fail("chromium did not finish within " + BROWSER_LIMIT + ":\n" + Files.readString(stderr));
            }
            assertEquals(0, process.exitValue(), "chromium failed:\n" + Files.readString(stderr));
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            kill(process);
        }
    }

    /**
     * Headless, a fresh profile, no traffic of its own (autofill would ask Google about the password form), every
     * name but 127.0.0.1 unresolvable, a network log.
     */
    private static List<String> browserFlags(String chromium, Path dir, Path netLog) {
        return List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--disable-features=AutofillServerCommunication",
                "--user-data-dir=" + dir.resolve("profile"),
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--log-net-log=" + netLog,
                "--enable-logging=stderr", "--v=0");
    }

    /** Chromium and the processes it started (renderer, GPU, zygote), by their ids. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }



    /**
     * Headless Chromium driven through its DevTools protocol over one WebSocket (the JDK's own client): one tab,
     * attached in flat mode, with what a user does there: open a URL, type into the field a label names, click the
     * button a text names, read what the live region says. Closing it closes the browser cleanly (the network log
     * is complete only then), and kills it if it does not stop.
     */
    private static final class Browser implements AutoCloseable, WebSocket.Listener {
        private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
        private static final Duration CALL_LIMIT = Duration.ofSeconds(10);

        private final Process process;
        private final Path stderr;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final List<String> scriptErrors = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;
        private String session;

        private Browser(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
        }

        static Browser start(String chromium, Path dir, Path netLog, Path stderr) throws Exception {
            List<String> command = new ArrayList<>(browserFlags(chromium, dir, netLog));
            command.addAll(List.of("--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"));
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(dir.resolve("chromium-stdout.txt").toFile()).redirectError(stderr.toFile()).start();
            Browser browser = new Browser(process, stderr);
            try {
                browser.connect();
                return browser;
            } catch (Exception | AssertionError e) {
                kill(process);
                throw e;
            }
        }

        private void connect() throws Exception {
            String endpoint = RunningJar.await(() -> new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8),
                    text -> LISTENING.matcher(text).find() || !process.isAlive(), BROWSER_LIMIT);
            Matcher listening = LISTENING.matcher(endpoint);
            if (!listening.find()) {
                fail("chromium offered no DevTools endpoint within " + BROWSER_LIMIT + ":\n" + endpoint);
            }
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(CALL_LIMIT)
                    .buildAsync(URI.create(listening.group(1)), this).get(CALL_LIMIT.toSeconds(), TimeUnit.SECONDS);
            String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").stringValue();
            session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                    .get("sessionId").stringValue();
            call(session, "Runtime.enable", Map.of());
            call(session, "Page.enable", Map.of());
        }

        /** Navigates the tab and waits until the new document has loaded. */
        void open(String url) throws Exception {
            JsonNode navigated = call(session, "Page.navigate", Map.of("url", url));
            assertFalse(navigated.has("errorText"), "could not open " + url + ": " + navigated);
            await("the page at " + url, "location.href === " + JSON.writeValueAsString(url)
                    + " || (document.readyState === 'complete' && location.href.split('#')[0] === "
                    + JSON.writeValueAsString(url.split("#")[0]) + ")", TRUE);
        }

        /** Focuses the input the label names, selects what it holds and types the text over it. */
        void type(String label, String text) throws Exception {
            JsonNode focused = evaluate("(() => { const label = [...document.querySelectorAll('label')]"
                    + ".find(l => l.textContent.trim() === " + JSON.writeValueAsString(label) + ");"
                    + " const input = label && label.control; if (!input) { return false; }"
                    + " input.focus(); input.select(); return document.activeElement === input; })()");
            assertTrue(focused.booleanValue(), "no input labelled '" + label + "' to type into");
            call(session, "Input.insertText", Map.of("text", text));
        }

        /** A left click in the middle of the button the text names, as the mouse would. */
        void click(String button) throws Exception {
            JsonNode centre = evaluate("(() => { const button = [...document.querySelectorAll('button')]"
                    + ".find(b => b.textContent.trim() === " + JSON.writeValueAsString(button) + ");"
                    + " if (!button || button.disabled) { return null; } button.scrollIntoView({block: 'center'});"
                    + " const box = button.getBoundingClientRect(); return [box.x + box.width / 2, box.y + box.height / 2]; })()");
            assertTrue(centre.isArray(), "no enabled button '" + button + "' to click");
            for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
                Map<String, Object> event = new LinkedHashMap<>(Map.of("type", type,
                        "x", centre.get(0).asDouble(), "y", centre.get(1).asDouble()));
                if (!type.equals("mouseMoved")) {
                    event.putAll(Map.of("button", "left", "clickCount", 1));
                }
                call(session, "Input.dispatchMouseEvent", event);
            }
        }

        /** What the page's live region (role=status) says, once it says the expected words. */
        String awaitOutcome(String expected) throws Exception {
            return await("the outcome '" + expected + "'", "document.querySelector('[role=status]').textContent",
                    value -> value.isString() && value.asString().contains(expected)).asString();
        }

        /** Evaluates the expression until its value satisfies the condition; fails with the page if it never does. */
        JsonNode await(String what, String expression, Predicate<JsonNode> condition) throws Exception {
            long deadline = System.nanoTime() + PAGE_LIMIT.toNanos();
            JsonNode value = evaluate(expression);
            while (!condition.test(value) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                value = evaluate(expression);
            }
            if (!condition.test(value)) {
                fail("waited " + PAGE_LIMIT + " for " + what + "; got " + value + " on the page:\n"
                        + evaluate("document.documentElement.outerHTML").asString(""));
            }
            return value;
        }

        /** The value of the expression in the page; a null node for undefined, or while the page is being replaced. */
        JsonNode evaluate(String expression) throws Exception {
            JsonNode evaluated = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
            if (evaluated.has("exceptionDetails")) {
                return JSON.getNodeFactory().nullNode();
            }
            return evaluated.path("result").path("value");
        }

        /** Uncaught exceptions of the page's script, as Chromium reported them. */
        List<String> scriptErrors() {
            return List.copyOf(scriptErrors);
        }

        private JsonNode call(String sessionId, String method, Map<String, ?> params) throws Exception {
            int id = ids.incrementAndGet();
            Map<String, Object> message = new LinkedHashMap<>(Map.of("id", id, "method", method, "params", params));
            if (sessionId != null) {
                message.put("sessionId", sessionId);
            }
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            socket.sendText(JSON.writeValueAsString(message), true).get(CALL_LIMIT.toSeconds(), TimeUnit.SECONDS);
            JsonNode reply;
            try {
                reply = answer.get(CALL_LIMIT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new AssertionError("chromium did not answer " + method + " within " + CALL_LIMIT + ":\n"
                        + new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8), e);
            } finally {
                pending.remove(id);
            }
            if (reply.has("error")) {
                fail(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = JSON.readTree(partial.toString());
                partial.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
                    if (answer != null) {
                        answer.complete(message);
                    }
                } else if (message.path("method").asString("").equals("Runtime.exceptionThrown")) {
                    scriptErrors.add(message.path("params").path("exceptionDetails").toString());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(answer -> answer.completeExceptionally(error));
        }

        /** Browser.close, so that Chromium finishes its network log; killed if it has not stopped in time. */
        @Override
        public void close() {
            boolean stopped = false;
            try {
                socket.sendText(JSON.writeValueAsString(Map.of("id", ids.incrementAndGet(), "method", "Browser.close")), true)
                        .get(CALL_LIMIT.toSeconds(), TimeUnit.SECONDS);
                stopped = process.waitFor(BROWSER_LIMIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the connection is gone: the browser is killed below, and the test fails on its incomplete log
            } finally {
                socket.abort();
                kill(process);
            }
            assertTrue(stopped, "chromium did not stop within " + BROWSER_LIMIT + " of Browser.close");
        }
    }
}
