package userapi.service;

import userapi.error.CurrentPasswordIncorrect;
import userapi.error.EmailAlreadyRegistered;
import userapi.error.EmailDomainNotAllowed;
import userapi.error.Forbidden;
import userapi.error.StaleVersion;
import userapi.error.UserNotFound;
import userapi.error.ValidationFailed;
import userapi.model.Caller;
import userapi.model.Page;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;

import java.util.OptionalLong;
import java.util.UUID;

/**
 * What the handlers may ask of the user service layer (DefaultUserService holds the rules). No HTTP here:
 * valid request models and the authenticated caller in, domain users or domain exceptions out. Who may do what
 * is decided here (AccessPolicy), never in the handler. An interface so handler tests use a fake.
 */
public interface UserService {
    /** Sign-up, open to anyone; always role user. @throws EmailDomainNotAllowed, EmailAlreadyRegistered */
    User create(UserCreateRequest request);

    /** The caller's own account. @throws UserNotFound if it was deleted since the token was checked */
    User me(Caller caller);

    /** @throws Forbidden (before any lookup), UserNotFound */
    User get(Caller caller, UUID id);

    /** Users oldest first; admins only. @throws Forbidden */
    Page<User> list(Caller caller, int limit, int offset);

    /** As {@link #update(Caller, UUID, UserUpdateRequest, OptionalLong)} whatever the user's version. */
    default User update(Caller caller, UUID id, UserUpdateRequest request) {
        return update(caller, id, request, OptionalLong.empty());
    }

    /**
     * Changes only the fields present in the request, only if the user still has the expected version (when
     * given): optimistic concurrency, checked atomically by the repository. Changing one's own e-mail or password
     * needs currentPassword; a new password revokes every other token of that user.
     * @throws Forbidden, UserNotFound, StaleVersion, ValidationFailed (currentPassword missing),
     *         CurrentPasswordIncorrect, EmailDomainNotAllowed, EmailAlreadyRegistered
     */
    User update(Caller caller, UUID id, UserUpdateRequest request, OptionalLong expectedVersion);

    /** As {@link #delete(Caller, UUID, OptionalLong)} whatever the user's version. */
    default void delete(Caller caller, UUID id) {
        delete(caller, id, OptionalLong.empty());
    }

    /**
     * Deletes the user (only if it still has the expected version, when given) and revokes all their tokens.
     * @throws Forbidden, UserNotFound, StaleVersion
     */
    void delete(Caller caller, UUID id, OptionalLong expectedVersion);
}
