package userapi.account;

import org.junit.jupiter.api.Test;
import userapi.http.Request;
import userapi.http.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages the mails link to, without a server: served with strict headers, a Content-Security-Policy whose
 * hashes are those of the inline blocks really in the page, nothing from another host, no token in a query.
 */
class AccountPagesTest {
    private static final Request GET = new Request(Map.of(), Map.of(), null, null);

    private final AccountPages pages = AccountPages.load();

    private Map<String, Response> served() {
        Map<String, Response> served = new LinkedHashMap<>();
        served.put("/reset-password", pages.resetPassword(GET));
        served.put("/verify-email", pages.verifyEmail(GET));
        return served;
    }

    private static String html(Response response) {
        return new String((byte[]) response.body(), StandardCharsets.UTF_8);
    }

    /** The policy's directives, each name to its sources in order. */
    private static Map<String, List<String>> directives(Response response) {
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String directive : response.headers().get("Content-Security-Policy").split(";")) {
            List<String> words = Arrays.asList(directive.strip().split("\\s+"));
            directives.put(words.getFirst(), List.copyOf(words.subList(1, words.size())));
        }
        return directives;
    }

    /** Read here with indexOf, not with the class's pattern: the hash of the text inside each <tag>...</tag>. */
    private static Set<String> inlineHashes(String html, String tag) throws Exception {
        Set<String> hashes = new HashSet<>();
        String open = "<" + tag + ">";
        String close = "</" + tag + ">";
        for (int start = html.indexOf(open); start >= 0; start = html.indexOf(open, start + 1)) {
            int end = html.indexOf(close, start);
            assertTrue(end > start, "an unclosed " + open);
            String text = html.substring(start + open.length(), end);
            hashes.add("'sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))) + "'");
        }
        return hashes;
    }

    @Test
    void serves_each_page_as_html_with_strict_headers() {
        served().forEach((path, response) -> {
            assertEquals(200, response.status(), path);
            assertEquals("text/html; charset=utf-8", response.headers().get("Content-Type"), path);
            assertEquals("no-referrer", response.headers().get("Referrer-Policy"), path);
            assertEquals("no-store", response.headers().get("Cache-Control"), path);
            assertEquals("nosniff", response.headers().get("X-Content-Type-Options"), path);
            Map<String, List<String>> csp = directives(response);
            assertEquals(Set.of("default-src", "script-src", "style-src", "connect-src", "base-uri", "form-action",
                    "frame-ancestors"), csp.keySet(), path);
            assertEquals(List.of("'none'"), csp.get("default-src"), path);
            assertEquals(List.of("'self'"), csp.get("connect-src"), path);
            assertEquals(List.of("'none'"), csp.get("base-uri"), path);
            assertEquals(List.of("'none'"), csp.get("form-action"), path);
            assertEquals(List.of("'none'"), csp.get("frame-ancestors"), path);
            assertTrue(html(response).startsWith("<!DOCTYPE html>"), path);
        });
    }

    @Test
    void the_policy_allows_exactly_the_inline_script_and_style_in_the_page_by_their_hashes() throws Exception {
        for (Map.Entry<String, Response> page : served().entrySet()) {
            String html = html(page.getValue());
            Map<String, List<String>> csp = directives(page.getValue());
            Set<String> scripts = inlineHashes(html, "script");
            Set<String> styles = inlineHashes(html, "style");
            assertEquals(1, scripts.size(), page.getKey() + ": one inline script");
            assertEquals(1, styles.size(), page.getKey() + ": one inline style");
            assertEquals(scripts, Set.copyOf(csp.get("script-src")), page.getKey());
            assertEquals(styles, Set.copyOf(csp.get("style-src")), page.getKey());
            assertFalse(html.contains(" style=\""), page.getKey() + ": a style attribute is not allowed by a hash");
            assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), page.getKey() + ": an inline event handler is not allowed by a hash");
        }
    }

    @Test
    void a_block_the_policy_could_not_name_fails_the_load() {
        for (String html : List.of("<script src=\"x.js\"></script>", "<style media=\"print\">p {}</style>",
                "<SCRIPT>alert(1)</SCRIPT>", "<script>a()</script><script type=\"module\">b()</script>")) {
            assertThrows(IllegalStateException.class, () -> AccountPages.contentSecurityPolicy("test.html", html), html);
        }
        assertThrows(IllegalStateException.class, () -> AccountPages.page("/pages/no-such-page.html"));
    }

    @Test
    void a_changed_block_changes_its_hash() {
        String before = AccountPages.contentSecurityPolicy("test.html", "<style>p {}</style><script>a()</script>");
        String after = AccountPages.contentSecurityPolicy("test.html", "<style>p {}</style><script>a(); </script>");
        assertFalse(before.equals(after));
        assertTrue(AccountPages.contentSecurityPolicy("test.html", "<p>no script</p>").contains("script-src 'none'"));
    }

    @Test
    void asks_no_other_host_for_anything_and_posts_only_to_this_server() {
        Pattern fetch = Pattern.compile("fetch\\(\"([^\"]*)\"");
        served().forEach((path, response) -> {
            String html = html(response);
            for (String forbidden : List.of("http://", "https://", "src=", "href=", "url(", "@import", "action=", "//:")) {
                assertFalse(html.contains(forbidden), path + " contains " + forbidden);
            }
            List<String> targets = new ArrayList<>();
            Matcher calls = fetch.matcher(html);
            while (calls.find()) {
                targets.add(calls.group(1));
            }
            assertFalse(targets.isEmpty(), path);
            for (String target : targets) {
                assertTrue(target.matches("auth/[a-z/-]+"), path + " fetches " + target + ", not a path of this server");
            }
        });
    }

    @Test
    void never_puts_a_token_in_a_query() {
        served().forEach((path, response) -> {
            String html = html(response);
            assertFalse(html.contains("?token"), path);
            assertTrue(html.contains("location.hash"), path + " reads its token from the fragment");
            assertTrue(html.contains("history.replaceState"), path + " drops the fragment from the address bar");
        });
    }

    @Test
    void labels_every_input_and_announces_the_outcome() {
        Function<String, List<String>> ids = html -> Pattern.compile("<input id=\"([^\"]+)\"").matcher(html)
                .results().map(match -> match.group(1)).toList();
        served().forEach((path, response) -> {
            String html = html(response);
            assertTrue(html.contains("<h1>"), path);
            assertTrue(html.contains("role=\"status\" aria-live=\"polite\""), path);
            for (String id : ids.apply(html)) {
                assertTrue(html.contains("<label for=\"" + id + "\">"), path + ": no label for " + id);
            }
        });
        assertEquals(List.of("new-password", "repeat-password"), ids.apply(html(pages.resetPassword(GET))));
    }

    @Test
    void answers_with_the_same_prebuilt_response_every_time() {
        assertSame(pages.resetPassword(GET), pages.resetPassword(GET));
        assertSame(pages.verifyEmail(GET), pages.verifyEmail(GET));
    }
}
