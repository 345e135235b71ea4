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
 * sign-in. Who may read or change whom (AccessPolicy), re-authentication before a change of one's own secrets,
 * and which tokens die with a password change or a deletion. {@link #as(Caller)} gives the core handler a
 * UserService bound to one caller, so the handler reads the same with or without sign-in. Knows nothing of HTTP.
 */
public final class SignedInUsers {
    private static final Logger LOG = Logger.getLogger(SignedInUsers.class.getName());

    private final UserService users;
    private final TokenRepository tokens;
    private final PasswordHasher hasher;

    public SignedInUsers(UserService users, TokenRepository tokens, PasswordHasher hasher) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
    }

    /** The user service for this caller's requests. */
    public UserService as(Caller caller) {
        return new AsCaller(caller);
    }

    private final class AsCaller implements UserService {
        private final Caller caller;

        AsCaller(Caller caller) {
            this.caller = caller;
        }

        @Override
        public User create(UserCreateRequest request) {
            return users.create(request);
        }

        /** @throws Forbidden (before any lookup), UserNotFound */
        @Override
        public User get(UUID id) {
            AccessPolicy.requireSelfOrAdmin(caller, id);
            return users.get(id);
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
            User current = changesSecrets ? users.get(id) : null;
            if (changesSecrets && AccessPolicy.needsCurrentPassword(caller, id)) {
                current.requireVersion(expectedVersion); // a fast 404 or 412 before the slow hash
                reauthenticate(current, request.currentPassword());
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

        /** Deletes the user and revokes all their tokens. @throws Forbidden, UserNotFound, StaleVersion */
        @Override
        public void delete(UUID id, OptionalLong expectedVersion) {
            AccessPolicy.requireSelfOrAdmin(caller, id);
            users.delete(id, expectedVersion);
            tokens.deleteAllOf(id, null); // the SQL stores cascade already; the in-memory one needs it
        }

        /** ASVS 2.1.5: a session alone does not change the secrets that prove who you are. */
        private void reauthenticate(User user, String currentPassword) {
            if (currentPassword == null) {
                throw new ValidationFailed("currentPassword", "is required to change your e-mail or password");
            }
            if (!hasher.matches(currentPassword, user.passwordHash())) {
                throw new CurrentPasswordIncorrect();
            }
        }
    }
}
