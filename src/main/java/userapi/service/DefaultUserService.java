package userapi.service;

import userapi.error.EmailAlreadyRegistered;
import userapi.error.EmailDomainNotAllowed;
import userapi.error.UserNotFound;
import userapi.model.Page;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;
import userapi.repository.UserRepository;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The business rules of users: e-mail normalisation and uniqueness, the blocked-domain rule, password hashing.
 * It knows nothing of HTTP: it takes valid request models and answers with domain users or domain exceptions.
 */
public final class DefaultUserService implements UserService {
    private static final Logger LOG = Logger.getLogger(DefaultUserService.class.getName());

    private final UserRepository repository;
    private final PasswordHasher hasher;
    private final Set<String> blockedDomains;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public DefaultUserService(UserRepository repository, PasswordHasher hasher, Set<String> blockedDomains,
                       Clock clock, Supplier<UUID> ids) {
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
        User user = new User(ids.get(), request.name(), email, hasher.hash(request.password()),
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

    @Override
    public User update(UUID id, UserUpdateRequest request) {
        User user = get(id);
        if (request.name() != null) {
            user = user.withName(request.name());
        }
        if (request.email() != null) {
            user = user.withEmail(acceptableEmail(request.email()));
        }
        if (request.password() != null) {
            user = user.withPasswordHash(hasher.hash(request.password()));
        }
        if (!repository.update(user)) {
            throw new UserNotFound(id); // deleted while we were hashing
        }
        LOG.info("updated user " + id);
        return user;
    }

    @Override
    public void delete(UUID id) {
        if (!repository.delete(id)) {
            throw new UserNotFound(id);
        }
        LOG.info("deleted user " + id);
    }

    /** Lower-cases the whole address (so uniqueness ignores case) and applies the blocked-domain rule. */
    private String acceptableEmail(String email) {
        String normalised = email.toLowerCase(Locale.ROOT);
        String domain = normalised.substring(normalised.lastIndexOf('@') + 1);
        if (isBlocked(domain)) {
            throw new EmailDomainNotAllowed(domain);
        }
        return normalised;
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
