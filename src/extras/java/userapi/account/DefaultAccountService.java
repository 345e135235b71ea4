package userapi.account;

import userapi.account.OneTimeToken.Purpose;
import userapi.audit.AuditEventType;
import userapi.audit.AuditLog;
import userapi.audit.UnitOfWork;
import userapi.auth.TokenRepository;
import userapi.auth.Tokens;
import userapi.exception.UserNotFound;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.repository.UserRepository;
import userapi.service.EmailAddresses;
import userapi.service.PasswordHasher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The rules of account recovery and verified addresses. A token goes out only by mail, stored as its SHA-256 in
 * the same transaction that queues its mail in the outbox; it is good once, for its purpose, for the address it
 * was sent to, until it expires or a newer one of the same purpose is sent. At most {@link #MAILS_PER_HOUR} of
 * each kind go to one account an hour. Knows nothing of HTTP, and never tells whether an address has an account:
 * not by what a reset request answers, nor by how long it takes (every one lasts at least the same floor). A reset
 * and a verification are each one unit of work with their audit row (password.reset, email.verified).
 */
public final class DefaultAccountService implements AccountService, VerificationMails {
    private static final Logger LOG = Logger.getLogger(DefaultAccountService.class.getName());

    public static final Duration RESET_VALID_FOR = Duration.ofMinutes(30);
    public static final Duration VERIFICATION_VALID_FOR = Duration.ofHours(24);
    /** Reset mails, and verification mails, that one account may get in an hour (each kind counted apart). */
    public static final int MAILS_PER_HOUR = 3;
    /**
     * How long a reset request takes at least, whatever it finds: far more than the lookup alone (an unknown
     * address) or the lookup and the transaction that stores a token and its mail (a known one) take, so that the
     * time of the answer does not tell them apart.
     */
    public static final Duration RESET_ANSWER_FLOOR = Duration.ofMillis(250);

    private final UserRepository users;
    private final TokenRepository sessions;
    private final AccountStore store;
    private final MailOutbox outbox;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final AccountMails mails;
    private final Clock clock;
    private final Duration resetAnswerFloor;
    private final AuditLog audit;
    private final UnitOfWork units;

    /**
     * @param sessions         the bearer tokens, all of which a password reset revokes
     * @param resetAnswerFloor how long a reset request lasts at least ({@link #RESET_ANSWER_FLOOR}; tests give less)
     * @param audit            where a reset and a verification are recorded
     * @param units            runs each with its audit row as one
     */
    public DefaultAccountService(UserRepository users, TokenRepository sessions, AccountStore store, MailOutbox outbox,
                                 PasswordHasher hasher, Tokens tokens, AccountMails mails, Clock clock,
                                 Duration resetAnswerFloor, AuditLog audit, UnitOfWork units) {
        this.users = users;
        this.sessions = sessions;
        this.store = store;
        this.outbox = outbox;
        this.hasher = hasher;
        this.tokens = tokens;
        this.mails = mails;
        this.clock = clock;
        this.resetAnswerFloor = resetAnswerFloor;
        this.audit = audit;
        this.units = units;
    }

    @Override
    public void requestPasswordReset(String email) {
        long started = System.nanoTime();
        try {
            Optional<User> user = users.findByEmail(EmailAddresses.canonical(email));
            if (user.isEmpty()) {
                LOG.fine("password reset asked for an address without an account: nothing sent");
                return;
            }
            issue(user.get(), Purpose.PASSWORD_RESET, RESET_VALID_FOR,
                    token -> mails.passwordReset(user.get().email(), token, RESET_VALID_FOR));
        } finally {
            waitOutFloor(started);
        }
    }

    /** Sleeps (a virtual thread's sleep holds no platform thread) until the floor has passed since started. */
    private void waitOutFloor(long started) {
        long left = resetAnswerFloor.toNanos() - (System.nanoTime() - started);
        if (left > 0) {
            try {
                Thread.sleep(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping: answer now
            }
        }
    }

    /**
     * The token is checked before the slow hash (an unknown one costs one lookup) and used up after it, so a busy
     * hasher (503) leaves it good for another try, and of two confirmations with one token only one changes anything.
     */
    @Override
    public void resetPassword(String token, String newPassword) {
        String hash = hashOf(token);
        OneTimeToken found = store.findValid(hash, Purpose.PASSWORD_RESET, clock.instant())
                .orElseThrow(InvalidOrExpiredToken::new);
        User user = forAddressOf(found);
        String newHash = hasher.hash(newPassword);
        int revoked = units.inOne(() -> { // from the token's use on: all of it, or none of it
            store.use(hash, Purpose.PASSWORD_RESET, clock.instant()).orElseThrow(InvalidOrExpiredToken::new);
            users.update(user.id(), new UserChanges(null, null, newHash)).orElseThrow(InvalidOrExpiredToken::new);
            int ended = sessions.deleteAllOf(user.id(), null);
            store.markVerified(user.id(), found.email()); // the mail reached its owner: the address is proved
            audit.record(AuditEventType.PASSWORD_RESET, user.id());
            return ended;
        });
        LOG.info(() -> "password of user " + user.id() + " reset by mail; revoked " + revoked + " of its tokens");
    }

    @Override
    public void verifyEmail(String token) {
        String hash = hashOf(token);
        User user = units.inOne(() -> {
            OneTimeToken used = store.use(hash, Purpose.EMAIL_VERIFICATION, clock.instant())
                    .orElseThrow(InvalidOrExpiredToken::new);
            User owner = forAddressOf(used);
            store.markVerified(owner.id(), used.email());
            audit.record(AuditEventType.EMAIL_VERIFIED, owner.id());
            return owner;
        });
        LOG.info(() -> "address of user " + user.id() + " verified");
    }

    @Override
    public void resendVerification(UUID userId) {
        User user = users.findById(userId).orElseThrow(() -> new UserNotFound(userId));
        if (isVerified(user)) {
            LOG.info(() -> "no verification mail for user " + userId + ": the address is verified already");
            return;
        }
        sendVerification(user);
    }

    @Override
    public boolean isVerified(User user) {
        return store.isVerified(user.id(), user.email());
    }

    @Override
    public void signedUp(User user) {
        sendVerification(user);
    }

    @Override
    public void addressChanged(User before, User after) {
        Instant now = clock.instant();
        outbox.enqueue(mails.addressChanged(before.email(), after.email(), now), now);
        LOG.info(() -> "address of user " + after.id() + " changed: notice queued for the old address");
        sendVerification(after);
    }

    private void sendVerification(User user) {
        issue(user, Purpose.EMAIL_VERIFICATION, VERIFICATION_VALID_FOR,
                token -> mails.verification(user.email(), token, VERIFICATION_VALID_FOR));
    }

    /** A new token, stored as its hash with its mail queued beside it, unless the account had enough mails lately. */
    private void issue(User user, Purpose purpose, Duration validFor, Function<String, Mail> mailCarrying) {
        String token = tokens.newToken();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        OneTimeToken stored = new OneTimeToken(Tokens.hash(token), user.id(), purpose, user.email(), now, now.plus(validFor));
        if (store.issue(stored, mailCarrying.apply(token), MAILS_PER_HOUR)) {
            LOG.info(() -> purpose.label() + " mail queued for user " + user.id());
        } else {
            LOG.info(() -> "no " + purpose.label() + " mail for user " + user.id() + ": " + MAILS_PER_HOUR
                    + " sent in the last hour already");
        }
    }

    /** The token's user, as long as their address is still the one the token was sent to. */
    private User forAddressOf(OneTimeToken token) {
        return users.findById(token.userId())
                .filter(user -> user.email().equals(token.email()))
                .orElseThrow(InvalidOrExpiredToken::new);
    }

    /** A string that cannot be one of our tokens is refused without a lookup. */
    private static String hashOf(String token) {
        if (!Tokens.wellFormed(token)) {
            throw new InvalidOrExpiredToken();
        }
        return Tokens.hash(token);
    }
}
