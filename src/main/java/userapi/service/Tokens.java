package userapi.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Bearer tokens: 32 random bytes from SecureRandom, base64url without padding (43 characters). Only their SHA-256
 * is stored: a copy of the tokens table lets no one sign in. A plain hash (no salt, no iterations) is enough for
 * 256 random bits, and lets a token be found by its hash in one indexed lookup.
 */
public final class Tokens {
    private static final int BYTES = 32;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random = new SecureRandom();

    public String newToken() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A string that could be one of our tokens; anything else is refused without a lookup. */
    public static boolean wellFormed(String token) {
        return token != null && WELL_FORMED.matcher(token).matches();
    }

    /** The SHA-256 of the token, in lower-case hex: what the store keeps and looks up. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
