package userapi.account;

import userapi.model.User;

/** What the user service's decorator tells the account service: an address to verify, and an old one to warn. */
public interface VerificationMails {
    /** A new account: its address gets a verification link. */
    void signedUp(User user);

    /** The address changed: the new one gets a verification link, the old one a notice of the change. */
    void addressChanged(User before, User after);
}
