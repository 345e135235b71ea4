package userapi.service;

import userapi.error.EmailAlreadyRegistered;
import userapi.error.EmailDomainNotAllowed;
import userapi.error.StaleVersion;
import userapi.error.UserNotFound;
import userapi.model.Page;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;

import java.util.OptionalLong;
import java.util.UUID;

/**
 * What the handlers may ask of the user service layer (DefaultUserService holds the rules). No HTTP here:
 * valid request models in, domain users or domain exceptions out. An interface so handler tests use a fake.
 */
public interface UserService {
    /** @throws EmailDomainNotAllowed, EmailAlreadyRegistered */
    User create(UserCreateRequest request);

    /** @throws UserNotFound */
    User get(UUID id);

    /** Users oldest first. */
    Page<User> list(int limit, int offset);

    /** Changes only the fields present in the request. @throws UserNotFound, EmailDomainNotAllowed, EmailAlreadyRegistered */
    default User update(UUID id, UserUpdateRequest request) {
        return update(id, request, OptionalLong.empty());
    }

    /**
     * As {@link #update(UUID, UserUpdateRequest)}, only if the user still has the expected version (when given):
     * optimistic concurrency, checked atomically by the repository. @throws StaleVersion if it has another
     */
    User update(UUID id, UserUpdateRequest request, OptionalLong expectedVersion);

    /** @throws UserNotFound */
    default void delete(UUID id) {
        delete(id, OptionalLong.empty());
    }

    /** Deletes only if the user still has the expected version (when given). @throws UserNotFound, StaleVersion */
    void delete(UUID id, OptionalLong expectedVersion);
}
