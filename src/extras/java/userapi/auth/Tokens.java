package userapi.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer tokens: 32 random bytes from SecureRandom, base64url without padding (43 characters). Only their SHA-256
 * is stored: a copy of the tokens table lets no one sign in. A plain hash (no salt, no iterations) is enough for
 * 256 random bits, and lets a token be found by its hash in one indexed lookup.
 */
public final class Tokens {
    private static final int BYTES = 32;
    private static final int LENGTH = 43;
    /** 132 bits: no two sessions of one user share a handle. */
    private static final int HANDLE_LENGTH = 22;
    /** Cloned for each hash: MessageDigest.getInstance looks the algorithm up in the providers every time. */
    private static final MessageDigest SHA_256 = sha256();

    private final SecureRandom random = new SecureRandom();

    public String newToken() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A string that could be one of our tokens (43 characters of [A-Za-z0-9_-]); anything else is refused without a lookup. */
    public static boolean wellFormed(String token) {
        if (token == null || token.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The SHA-256 of the token, in lower-case hex: what the store keeps and looks up. */
    public static String hash(String token) {
        try {
            MessageDigest sha256 = (MessageDigest) SHA_256.clone();
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK's SHA-256 cannot be cloned", e);
        }
    }

    /**
     * The handle of a session (GET /auth/sessions): 22 base64url characters of the SHA-256 of "session:" and the
     * token's hash. Computed, never stored; one more hash away from the token, so neither the handle nor the stored
     * hash turns back into the token, and a handle is not mistaken for a token (43 characters).
     */
    public static String handle(String tokenHash) {
        try {
            MessageDigest sha256 = (MessageDigest) SHA_256.clone();
            byte[] digest = sha256.digest(("session:" + tokenHash).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, HANDLE_LENGTH);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK's SHA-256 cannot be cloned", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
