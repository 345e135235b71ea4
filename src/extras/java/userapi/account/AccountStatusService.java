package userapi.account;

import userapi.audit.AuditEventType;
import userapi.audit.AuditLog;
import userapi.audit.UnitOfWork;
import userapi.auth.AccessPolicy;
import userapi.auth.AccountDisabled;
import userapi.auth.Caller;
import userapi.auth.LastAdmin;
import userapi.auth.LoginCheck;
import userapi.auth.TokenRepository;
import userapi.exception.UserNotFound;
import userapi.model.User;
import userapi.repository.UserRepository;

import java.time.Clock;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The rules of disabling an account: only an admin disables or enables (decided before any lookup); a disabled
 * user's tokens all die at once, none authenticates (TokenAuthenticator reads the standing with every token) and no new one is issued
 * ({@link #loginCheck}); the last admin who is not disabled cannot be disabled. Both are idempotent: disabling a disabled user changes nothing and records nothing.
 * Knows nothing of HTTP.
 */
public final class AccountStatusService {
    private static final Logger LOG = Logger.getLogger(AccountStatusService.class.getName());

    private final UserRepository users;
    private final TokenRepository tokens;
    private final DisabledAccounts disabled;
    private final Clock clock;
    private final AuditLog audit;
    private final UnitOfWork units;

    /** @param units each change of state, the tokens it revokes and its audit row, as one */
    public AccountStatusService(UserRepository users, TokenRepository tokens, DisabledAccounts disabled, Clock clock,
                                AuditLog audit, UnitOfWork units) {
        this.units = units;
        this.users = users;
        this.tokens = tokens;
        this.disabled = disabled;
        this.clock = clock;
        this.audit = audit;
    }

    /** @return the user, now disabled. @throws userapi.auth.Forbidden, UserNotFound, LastAdmin */
    public User disable(Caller caller, UUID id) {
        AccessPolicy.requireAdminToDisable(caller);
        units.inOne(() -> {
            DisabledAccounts.Outcome outcome = disabled.disable(id, clock.instant());
            switch (outcome) {
                case NO_SUCH_USER -> throw new UserNotFound(id);
                case LAST_ADMIN -> throw new LastAdmin();
                case CHANGED, UNCHANGED -> { }
            }
            int revoked = tokens.deleteAllOf(id, null); // again when already disabled: a token that slipped in dies too
            if (outcome == DisabledAccounts.Outcome.CHANGED) {
                audit.record(AuditEventType.USER_DISABLED, id);
                LOG.info(() -> "user " + id + " disabled by " + caller.userId() + "; revoked " + revoked + " of its tokens");
            }
            return null;
        });
        return users.findById(id).orElseThrow(() -> new UserNotFound(id));
    }

    /** @return the user, now enabled (they sign in again with their password). @throws userapi.auth.Forbidden, UserNotFound */
    public User enable(Caller caller, UUID id) {
        AccessPolicy.requireAdminToDisable(caller);
        units.inOne(() -> {
            DisabledAccounts.Outcome outcome = disabled.enable(id);
            if (outcome == DisabledAccounts.Outcome.NO_SUCH_USER) {
                throw new UserNotFound(id);
            }
            if (outcome == DisabledAccounts.Outcome.CHANGED) {
                audit.record(AuditEventType.USER_ENABLED, id);
                LOG.info(() -> "user " + id + " enabled by " + caller.userId());
            }
            return null;
        });
        return users.findById(id).orElseThrow(() -> new UserNotFound(id));
    }

    public boolean isDisabled(User user) {
        return disabled.isDisabled(user.id());
    }

    /** Sign-in's rule after a right password: a disabled user gets no token (403 ACCOUNT_DISABLED). */
    public LoginCheck loginCheck() {
        return user -> {
            if (disabled.isDisabled(user.id())) {
                throw new AccountDisabled();
            }
        };
    }
}
