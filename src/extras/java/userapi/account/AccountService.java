package userapi.account;

import userapi.model.User;

import java.util.UUID;

/**
 * What the account handler may ask of the service layer (DefaultAccountService holds the rules): password reset
 * and address verification by mail. No HTTP here. No method tells whether an address has an account.
 */
public interface AccountService {
    /** Longer than any token we send (43 characters); a longer one is refused as a field before any lookup. */
    int TOKEN_MAX_LENGTH = 128;

    /** Sends a reset link if the address has an account and has not had too many lately; says nothing either way. */
    void requestPasswordReset(String email);

    /** Sets the new password of the token's user and ends all their sessions. @throws InvalidOrExpiredToken */
    void resetPassword(String token, String newPassword);

    /** Marks the address the token was sent to as verified. @throws InvalidOrExpiredToken */
    void verifyEmail(String token);

    /** Sends the user a new verification link, unless verified already or braked; says nothing either way. */
    void resendVerification(UUID userId);

    /** Whether the user's current address has been verified. */
    boolean isVerified(User user);
}
