package userapi.account;

import userapi.http.Request;
import userapi.http.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The pages the mails link to, static HTML read from the jar once, each answer under a hash-only Content-Security-Policy. */
public final class AccountPages {
    static final String RESET_PASSWORD = "/pages/reset-password.html";
    static final String VERIFY_EMAIL = "/pages/verify-email.html";
    static final String CONTENT_TYPE = "text/html; charset=utf-8";
    /** A plain inline block: a tag with attributes (a src, a type) is refused at load, so every block has its hash. */
    private static final Pattern INLINE = Pattern.compile("<(script|style)>(.*?)</\\1>", Pattern.DOTALL);
    private static final Pattern ANY_TAG = Pattern.compile("<(script|style)\\b", Pattern.CASE_INSENSITIVE);

    private final Response resetPassword;
    private final Response verifyEmail;

    private AccountPages(Response resetPassword, Response verifyEmail) {
        this.resetPassword = resetPassword;
        this.verifyEmail = verifyEmail;
    }

    /** Reads both pages from the class path and builds their answers; fails the start if one is missing. */
    public static AccountPages load() {
        return new AccountPages(page(RESET_PASSWORD), page(VERIFY_EMAIL));
    }

    /**
     * GET /reset-password#token=...: the form for the new password, which the page posts with the token to
     * /auth/password-reset/confirm. The token is in the fragment, which the browser never sends: no log sees it.
     */
    public Response resetPassword(Request request) {
        return resetPassword;
    }

    /** GET /verify-email#token=...: the page posts the token from the fragment to /auth/verify-email at once. */
    public Response verifyEmail(Request request) {
        return verifyEmail;
    }

    /** One page's answer, built once. */
    static Response page(String path) {
        String html = read(path);
        return Response.bytes(CONTENT_TYPE, html.getBytes(StandardCharsets.UTF_8), Map.of(
                "Content-Security-Policy", contentSecurityPolicy(path, html),
                "Referrer-Policy", "no-referrer",
                "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff"));
    }

    /**
     * Nothing by default; the page's inline scripts and styles by their SHA-256 (as the browser hashes them: the
     * UTF-8 of the text between the tags); fetch to this server only; no form posts, no framing, no base.
     */
    static String contentSecurityPolicy(String path, String html) {
        List<String> scripts = new ArrayList<>();
        List<String> styles = new ArrayList<>();
        Matcher inline = INLINE.matcher(html);
        while (inline.find()) {
            (inline.group(1).equals("script") ? scripts : styles).add("'sha256-" + sha256(inline.group(2)) + "'");
        }
        if (ANY_TAG.matcher(html).results().count() != scripts.size() + styles.size()) {
            throw new IllegalStateException(path + ": write every script and style inline as a plain <script> or <style>,"
                    + " so that its hash is in the Content-Security-Policy");
        }
        return "default-src 'none'; script-src " + sources(scripts) + "; style-src " + sources(styles)
                + "; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static String sources(List<String> hashes) {
        return hashes.isEmpty() ? "'none'" : String.join(" ", hashes);
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The page's text with \n line ends: a browser's parser turns \r\n and \r into \n before it hashes a block. */
    private static String read(String path) {
        try (InputStream in = AccountPages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("page missing from the class path: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
