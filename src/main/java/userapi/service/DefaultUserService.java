package userapi.service;

import userapi.error.EmailAlreadyRegistered;
import userapi.error.CurrentPasswordIncorrect;
import userapi.error.EmailDomainNotAllowed;
import userapi.error.UserNotFound;
import userapi.error.ValidationFailed;
import userapi.model.Caller;
import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;
import userapi.repository.TokenRepository;
import userapi.repository.UserRepository;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The business rules of users: e-mail normalisation and uniqueness, the blocked-domain rule, password hashing,
 * who may read or change whom (AccessPolicy), re-authentication before a change of secrets, and which tokens die
 * with a password change or a deletion.
 * It knows nothing of HTTP: it takes valid request models and answers with domain users or domain exceptions.
 */
public final class DefaultUserService implements UserService {
    private static final Logger LOG = Logger.getLogger(DefaultUserService.class.getName());

    private final UserRepository repository;
    private final TokenRepository tokens;
    private final PasswordHasher hasher;
    private final Set<String> blockedDomains;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public DefaultUserService(UserRepository repository, TokenRepository tokens, PasswordHasher hasher,
                              Set<String> blockedDomains, Clock clock, Supplier<UUID> ids) {
        this.repository = repository;
        this.tokens = tokens;
        this.hasher = hasher;
        this.blockedDomains = blockedDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public User create(UserCreateRequest request) {
        String email = acceptableEmail(request.email());
        if (repository.existsByEmail(email)) { // cheap early answer; the repository's insert is the real guard
            throw new EmailAlreadyRegistered();
        }
        User user = new User(ids.get(), request.name(), email, hasher.hash(request.password()), Role.USER,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        repository.insert(user);
        LOG.info(() -> "created user " + user.id());
        return user;
    }

    @Override
    public User me(Caller caller) {
        return find(caller.userId());
    }

    @Override
    public User get(Caller caller, UUID id) {
        AccessPolicy.requireSelfOrAdmin(caller, id);
        return find(id);
    }

    @Override
    public Page<User> list(Caller caller, int limit, int offset) {
        AccessPolicy.requireAdmin(caller);
        return repository.list(limit, offset);
    }

    /**
     * Sends the repository only the fields the request changes, never a whole user read earlier: the hash takes
     * a while, and writing back what was read before it would undo an update of another field made meanwhile.
     */
    @Override
    public User update(Caller caller, UUID id, UserUpdateRequest request, OptionalLong expectedVersion) {
        AccessPolicy.requireSelfOrAdmin(caller, id);
        User current = find(id);
        current.requireVersion(expectedVersion); // a fast 404 or 412 before the slow hash; the repository checks again
        boolean changesSecrets = request.email() != null || request.password() != null;
        if (changesSecrets && AccessPolicy.needsCurrentPassword(caller, id)) {
            reauthenticate(current, request.currentPassword());
        }
        String email = request.email() == null ? null : acceptableEmail(request.email());
        String passwordHash = request.password() == null ? null : hasher.hash(request.password()); // holds no lock
        User updated = repository.update(id, new UserChanges(request.name(), email, passwordHash), expectedVersion)
                .orElseThrow(() -> new UserNotFound(id)); // deleted while we were hashing
        if (passwordHash != null) { // whoever knew the old password loses their sessions; this caller keeps theirs
            int revoked = tokens.deleteAllOf(id, caller.userId().equals(id) ? caller.tokenHash() : null);
            LOG.info(() -> "password of user " + id + " changed; revoked " + revoked + " of its tokens");
        }
        LOG.info("updated user " + id);
        return updated;
    }

    @Override
    public void delete(Caller caller, UUID id, OptionalLong expectedVersion) {
        AccessPolicy.requireSelfOrAdmin(caller, id);
        if (!repository.delete(id, expectedVersion)) {
            throw new UserNotFound(id);
        }
        tokens.deleteAllOf(id, null); // the SQL stores cascade already; the in-memory one needs it
        LOG.info("deleted user " + id);
    }

    private User find(UUID id) {
        return repository.findById(id).orElseThrow(() -> new UserNotFound(id));
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

    /**
     * The canonical form of the address (EmailAddresses: lower case, IDNA), after the blocked-domain rule, which
     * compares the ASCII form so that no Unicode spelling of a blocked domain slips through.
     */
    private String acceptableEmail(String email) {
        String asciiDomain = EmailAddresses.asciiDomainOf(email);
        if (isBlocked(asciiDomain)) {
            throw new EmailDomainNotAllowed(asciiDomain);
        }
        return EmailAddresses.canonical(email);
    }

    /** A blocked domain blocks its subdomains too: mailinator.com also blocks eu.mailinator.com. */
    private boolean isBlocked(String domain) {
        for (String candidate = domain; ; candidate = candidate.substring(candidate.indexOf('.') + 1)) {
            if (blockedDomains.contains(candidate)) {
                return true;
            }
            if (candidate.indexOf('.') < 0) {
                return false;
            }
        }
    }
}
