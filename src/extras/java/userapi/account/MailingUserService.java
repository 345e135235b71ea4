package userapi.account;

import userapi.exception.StorageUnavailable;
import userapi.model.Page;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;
import userapi.service.UserService;

import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A decorator of the core's UserService that mails about addresses: a verification link after a sign-up, and
 * after an e-mail change a link to the new address and a notice to the old one. Everything else passes through.
 */
public final class MailingUserService implements UserService {
    private static final Logger LOG = Logger.getLogger(MailingUserService.class.getName());

    private final UserService users;
    private final VerificationMails mails;

    public MailingUserService(UserService users, VerificationMails mails) {
        this.users = users;
        this.mails = mails;
    }

    /**
     * The account exists once created: a mail that cannot be queued now is logged, and the user may ask again.
     * Inside a unit of work (audit/UnitOfWork, on the SQL stores) the failed statement rolls the whole sign-up back
     * instead, and the client is answered 503: nothing was created, and trying again is safe.
     */
    @Override
    public User create(UserCreateRequest request) {
        User user = users.create(request);
        try {
            mails.signedUp(user);
        } catch (StorageUnavailable e) {
            LOG.log(Level.WARNING, "user " + user.id() + " signed up, but no verification mail could be queued: "
                    + "they can ask for one at POST /auth/verify-email/resend", e);
        }
        return user;
    }

    @Override
    public User get(UUID id) {
        return users.get(id);
    }

    @Override
    public Page<User> list(int limit, int offset) {
        return users.list(limit, offset);
    }

    @Override
    public User update(UUID id, UserUpdateRequest request, OptionalLong expectedVersion) {
        if (request.email() == null) {
            return users.update(id, request, expectedVersion);
        }
        User before = users.get(id);
        User after = users.update(id, request, expectedVersion);
        if (!after.email().equals(before.email())) {
            try {
                mails.addressChanged(before, after);
            } catch (StorageUnavailable e) { // the change is made: answering 503 now would hide that
                LOG.log(Level.WARNING, "the address of user " + id + " changed, but its mails could not be queued", e);
            }
        }
        return after;
    }

    @Override
    public void delete(UUID id, OptionalLong expectedVersion) {
        users.delete(id, expectedVersion);
    }
}
