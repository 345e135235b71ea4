package userapi.auth;

import java.time.Instant;

/** Response model of POST /auth/login (OAuth 2's token response, camel-cased): send it as Authorization: Bearer. */
public record TokenResponse(String accessToken, String tokenType, Instant expiresAt) {
    public static TokenResponse bearer(IssuedToken token) {
        return new TokenResponse(token.token(), "Bearer", token.expiresAt());
    }

    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresAt=" + expiresAt + "]"; // never the token
    }
}
