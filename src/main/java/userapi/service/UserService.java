package userapi.service;

import userapi.error.EmailAlreadyRegistered;
import userapi.error.EmailDomainNotAllowed;
import userapi.error.UserNotFound;
import userapi.model.Page;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;

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
    User update(UUID id, UserUpdateRequest request);

    /** @throws UserNotFound */
    void delete(UUID id);
}
