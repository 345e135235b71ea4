package userapi.service;

import userapi.exception.EmailAlreadyRegistered;
import userapi.exception.EmailDomainNotAllowed;
import userapi.exception.StaleVersion;
import userapi.exception.UserNotFound;
import userapi.model.Page;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;

import java.util.OptionalLong;
import java.util.UUID;

/**
 * What the handlers may ask of the user service layer (DefaultUserService holds the rules). No HTTP here: valid
 * request models in, domain users or domain exceptions out. An interface so handler tests use a fake, and so a
 * decorator (sign-in's rules of who may do what) can stand in front of it.
 */
public interface UserService {
    /** Sign-up; always role user. @throws EmailDomainNotAllowed, EmailAlreadyRegistered */
    User create(UserCreateRequest request);

    /** @throws UserNotFound */
    User get(UUID id);

    /** Users oldest first. */
    Page<User> list(int limit, int offset);

    /** As {@link #update(UUID, UserUpdateRequest, OptionalLong)} whatever the user's version. */
    default User update(UUID id, UserUpdateRequest request) {
        return update(id, request, OptionalLong.empty());
    }

    /**
     * Changes only the fields present in the request, only if the user still has the expected version (when
     * given): optimistic concurrency, checked atomically by the repository.
     * @throws UserNotFound, StaleVersion, EmailDomainNotAllowed, EmailAlreadyRegistered
     */
    User update(UUID id, UserUpdateRequest request, OptionalLong expectedVersion);

    /** As {@link #delete(UUID, OptionalLong)} whatever the user's version. */
    default void delete(UUID id) {
        delete(id, OptionalLong.empty());
    }

    /** Deletes the user, only if it still has the expected version when one is given. @throws UserNotFound, StaleVersion */
    void delete(UUID id, OptionalLong expectedVersion);
}
