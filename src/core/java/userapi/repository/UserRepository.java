package userapi.repository;

import userapi.exception.EmailAlreadyRegistered;
import userapi.exception.StaleVersion;
import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Storage of users, behind which the backing store can change without the service noticing.
 * E-mails arrive normalised (lower case); uniqueness of the e-mail is the store's job, so it holds under
 * concurrency: of two racing writes with one e-mail exactly one succeeds. A store that cannot be reached throws
 * StorageUnavailable from any method, having changed nothing.
 */
public interface UserRepository extends AutoCloseable {

    /** Saves a new user. @throws EmailAlreadyRegistered if another user has the e-mail. */
    void insert(User user);

    /**
     * Applies the changed fields, and only those, to the user as stored at that moment, in one atomic step: two
     * updates of different fields of one user, at the same time, both survive. The id and creation time never change.
     *
     * @return the user as stored right after this change; empty if no user has that id
     * @throws EmailAlreadyRegistered if another user has the new e-mail; nothing is changed then
     */
    default Optional<User> update(UUID id, UserChanges changes) {
        return update(id, changes, OptionalLong.empty());
    }

    /**
     * As {@link #update(UUID, UserChanges)}, and with an expected version the change happens only if the stored
     * user still has it, checked in the same atomic step: of two updates that expect one version, one wins.
     * Every change adds one to the version.
     *
     * @throws StaleVersion if the user exists with another version; nothing is changed then
     */
    Optional<User> update(UUID id, UserChanges changes, OptionalLong expectedVersion);

    /** @return false if no user had that id. */
    default boolean delete(UUID id) {
        return delete(id, OptionalLong.empty());
    }

    /**
     * @return false if no user had that id
     * @throws StaleVersion if the user exists with another version than the expected one; it is not deleted then
     */
    boolean delete(UUID id, OptionalLong expectedVersion);

    Optional<User> findById(UUID id);

    boolean existsByEmail(String email);

    /** The user with this (normalised) e-mail: the login's lookup. */
    Optional<User> findByEmail(String email);

    /**
     * Replaces the password hash only if it is still the expected one (a login's re-hash with today's settings):
     * a password changed meanwhile is never written back over. @return false if nothing was replaced
     */
    boolean replacePasswordHash(UUID id, String expectedHash, String newHash);

    /** Promote or demote (the admin command only; no request can set a role). @return false if no user has that id */
    boolean setRole(UUID id, Role role);

    /** Users oldest first. */
    Page<User> list(int limit, int offset);

    /** For /health: can the store be used right now? One kept in memory always can. */
    default boolean reachable() {
        return true;
    }

    /** Releases connections and files; the owner (App, or a test) calls it once at the end. */
    @Override
    default void close() {
    }
}
