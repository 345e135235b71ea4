package userapi.service;

import userapi.exception.EmailAlreadyRegistered;
import userapi.exception.EmailDomainNotAllowed;
import userapi.exception.UserNotFound;
import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;
import userapi.repository.UserRepository;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The business rules of users: e-mail normalisation and uniqueness, the blocked-domain rule, password hashing,
 * and which version a change or a deletion expects.
 * It knows nothing of HTTP: it takes valid request models and answers with domain users or domain exceptions.
 */
public final class DefaultUserService implements UserService {
    private static final Logger LOG = Logger.getLogger(DefaultUserService.class.getName());

    /** The domains sign-up refuses unless told otherwise: throwaway-mail services. */
    public static final List<String> DEFAULT_BLOCKED_DOMAINS =
            List.of("mailinator.com", "guerrillamail.com", "10minutemail.com", "yopmail.com");

    private final UserRepository repository;
    private final PasswordHasher hasher;
    private final Set<String> blockedDomains;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public DefaultUserService(UserRepository repository, PasswordHasher hasher, Set<String> blockedDomains, Clock clock,
                              Supplier<UUID> ids) {
        this.repository = repository;
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
    public User get(UUID id) {
        return repository.findById(id).orElseThrow(() -> new UserNotFound(id));
    }

    @Override
    public Page<User> list(int limit, int offset) {
        return repository.list(limit, offset);
    }

    /**
     * Sends the repository only the fields the request changes, never a whole user read earlier: the hash takes
     * a while, and writing back what was read before it would undo an update of another field made meanwhile.
     */
    @Override
    public User update(UUID id, UserUpdateRequest request, OptionalLong expectedVersion) {
        if (request.password() != null) { // a fast 404 or 412 before the slow hash; the repository's update checks both
            get(id).requireVersion(expectedVersion);
        }
        String email = request.email() == null ? null : acceptableEmail(request.email());
        String passwordHash = request.password() == null ? null : hasher.hash(request.password()); // holds no lock
        User updated = repository.update(id, new UserChanges(request.name(), email, passwordHash), expectedVersion)
                .orElseThrow(() -> new UserNotFound(id)); // deleted while we were hashing
        LOG.info("updated user " + id);
        return updated;
    }

    @Override
    public void delete(UUID id, OptionalLong expectedVersion) {
        if (!repository.delete(id, expectedVersion)) {
            throw new UserNotFound(id);
        }
        LOG.info("deleted user " + id);
    }

    /**
     * The canonical form of the address (EmailAddresses: NFKC, lower case, IDNA), after the blocked-domain rule,
     * which compares the ASCII form so that no Unicode spelling of a blocked domain slips through. Uniqueness is of
     * this form: "d\uff41ve@example.com" (a full-width a) is "dave@example.com"; a Cyrillic "d\u0430ve" never gets
     * here, as the request model refuses a local part that is not ASCII.
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
