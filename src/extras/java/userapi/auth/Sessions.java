package userapi.auth;

import userapi.audit.AuditEventType;
import userapi.audit.AuditLog;
import userapi.audit.UnitOfWork;

import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * The rules of a caller's sessions: list their live tokens by handle, end one of them, or end them all ("log out
 * everywhere"). A caller sees and ends only their own. Knows nothing of HTTP; the tokens are read from the store on
 * every request, so an ended session is dead at once on every instance sharing it.
 */
public final class Sessions {
    private static final Logger LOG = Logger.getLogger(Sessions.class.getName());

    private final TokenRepository tokens;
    private final Clock clock;
    private final AuditLog audit;
    private final UnitOfWork units;

    /** @param units each revocation and its audit row, as one */
    public Sessions(TokenRepository tokens, Clock clock, AuditLog audit, UnitOfWork units) {
        this.tokens = tokens;
        this.clock = clock;
        this.audit = audit;
        this.units = units;
    }

    /** The caller's live sessions, newest first; the one they called with is current. */
    public List<Session> list(Caller caller) {
        return tokens.findValidOf(caller.userId(), clock.instant()).stream()
                .map(token -> new Session(token.handle(), token.createdAt(), token.expiresAt(),
                        token.hash().equals(caller.tokenHash())))
                .toList();
    }

    /** Ends the caller's session with this handle (the current one too, if named). @throws SessionNotFound */
    public void revoke(Caller caller, String handle) {
        units.inOne(() -> {
            if (!tokens.deleteOf(caller.userId(), handle, clock.instant())) {
                throw new SessionNotFound();
            }
            audit.record(AuditEventType.SESSION_REVOKED, caller.userId());
            return null;
        });
        LOG.info(() -> "user " + caller.userId() + " ended one of their sessions");
    }

    /** Ends every session of the caller, the current one included. One LOGOUT event for them all. */
    public void logoutAll(Caller caller) {
        int ended = units.inOne(() -> {
            int deleted = tokens.deleteAllOf(caller.userId(), null);
            audit.record(AuditEventType.LOGOUT, caller.userId());
            return deleted;
        });
        LOG.info(() -> "user " + caller.userId() + " logged out everywhere: " + ended + " sessions ended");
    }
}
