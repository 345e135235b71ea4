package userapi.auth;

import userapi.exception.UserNotFound;
import userapi.exception.ValidationFailed;
import userapi.model.Page;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;
import userapi.service.PasswordHasher;
import userapi.service.UserService;

import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The user service as a signed-in caller sees it: a decorator of the core's UserService that adds the rules of
 * sign-in. Who may read or change whom (AccessPolicy), re-authentication before a change of one's own secrets or
 * the deletion of one's own account (braked like a login by the PasswordBrake), and which tokens die with a
 * password change or a deletion. {@link #as(Caller)} gives the core handler a
 * UserService bound to one caller, so the handler reads the same with or without sign-in. Knows nothing of HTTP.
 */
public final class SignedInUsers {
    private static final Logger LOG = Logger.getLogger(SignedInUsers.class.getName());

    private final UserService users;
    private final TokenRepository tokens;
    private final PasswordHasher hasher;
    private final PasswordBrake brake;

    /** @param brake counts a wrong current password as a failed password check of that account from the caller's address */
    public SignedInUsers(UserService users, TokenRepository tokens, PasswordHasher hasher, PasswordBrake brake) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.brake = brake;
    }

    /** The user service for this caller's requests. */
    public UserService as(Caller caller) {
        return new AsCaller(caller, null);
    }

    /**
     * The user service for a request that also gave the caller's current password outside the update model (the
     * body of a DELETE of one's own account), or null when it gave none.
     */
    public UserService as(Caller caller, String currentPassword) {
        return new AsCaller(caller, currentPassword);
    }

    private final class AsCaller implements UserService {
        private final Caller caller;
        private final String currentPassword;

        AsCaller(Caller caller, String currentPassword) {
            this.caller = caller;
            this.currentPassword = currentPassword;
        }

        @Override
        public User create(UserCreateRequest request) {
            return users.create(request);
        }

        /** @throws Forbidden (before any lookup), UserNotFound */
        @Override
        public User get(UUID id) {
            AccessPolicy.requireSelfOrAdmin(caller, id);
            return read(id);
        }

        /** The caller's own user as their token's read found it in this request; anyone else's from the service. */
        private User read(UUID id) {
            return caller.owner() != null && caller.userId().equals(id) ? caller.owner().user() : users.get(id);
        }

        /** Admins only. @throws Forbidden */
        @Override
        public Page<User> list(int limit, int offset) {
            AccessPolicy.requireAdmin(caller);
            return users.list(limit, offset);
        }

        /**
         * Changing one's own e-mail or password needs currentPassword; a new password or a new address revokes every
         * other token of that user. @throws Forbidden, UserNotFound, StaleVersion, ValidationFailed (currentPassword
         * missing), CurrentPasswordIncorrect, and whatever the core's update throws
         */
        @Override
        public User update(UUID id, UserUpdateRequest request, OptionalLong expectedVersion) {
            AccessPolicy.requireSelfOrAdmin(caller, id);
            boolean changesSecrets = request.email() != null || request.password() != null;
            User current = changesSecrets ? read(id) : null;
            if (changesSecrets && AccessPolicy.needsCurrentPassword(caller, id)) {
                current.requireVersion(expectedVersion); // a fast 404 or 412 before the slow hash
                reauthenticate(current, request.currentPassword(), "is required to change your e-mail or password");
            }
            User updated = users.update(id, request, expectedVersion);
            boolean newAddress = current != null && !updated.email().equals(current.email());
            if (request.password() != null || newAddress) { // whoever held the old secrets loses their sessions; this caller keeps theirs
                int revoked = tokens.deleteAllOf(id, caller.userId().equals(id) ? caller.tokenHash() : null);
                LOG.info(() -> (newAddress ? "address" : "password") + " of user " + id + " changed; revoked " + revoked
                        + " of its tokens");
            }
            return updated;
        }

        /**
         * Deletes the user and revokes all their tokens; deleting one's own account needs the current password (a
         * stolen token alone must not delete it). @throws Forbidden, UserNotFound, StaleVersion, ValidationFailed
         * (currentPassword missing), TooManyLoginAttempts, CurrentPasswordIncorrect
         */
        @Override
        public void delete(UUID id, OptionalLong expectedVersion) {
            AccessPolicy.requireSelfOrAdmin(caller, id);
            if (AccessPolicy.needsCurrentPassword(caller, id)) {
                User current = read(id);
                current.requireVersion(expectedVersion); // a fast 404 or 412 before the slow hash
                reauthenticate(current, currentPassword, "is required to delete your own account");
            }
            users.delete(id, expectedVersion);
            tokens.deleteAllOf(id, null); // the SQL stores cascade already; the in-memory one needs it
        }

        /**
         * ASVS 2.1.5: a session alone does not change the secrets that prove who you are. The check is a password
         * check like a login's, so the same brake counts it (the account's e-mail, the caller's address) and
         * refuses it, before the hash, once too many were wrong.
         */
        private void reauthenticate(User user, String currentPassword, String whyRequired) {
            if (currentPassword == null) {
                throw new ValidationFailed("currentPassword", whyRequired);
            }
            brake.check(user.email(), caller.clientAddress());
            if (!hasher.matches(currentPassword, user.passwordHash())) {
                brake.failed(user.email(), caller.clientAddress());
                throw new CurrentPasswordIncorrect();
            }
            brake.succeeded(user.email(), caller.clientAddress());
        }
    }
}
