package userapi.account;

import userapi.repository.UserRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Account recovery's tokens, verified addresses and outbox in memory, beside InMemoryUserRepository: for learning
 * and tests; gone when the process ends. One lock guards all three, so issue is one step as a transaction would be,
 * and two issues for one user run one after the other.
 * <p>
 * No foreign key ties this store to the users, so it asks the users' repository instead: a user it does not find
 * gets no token and no proof, and the tokens and proof of a user deleted since are never returned (as if gone with
 * the user) and are removed by the next {@link #deleteSpent}. What is kept is bounded by what is stored: tokens
 * until the sweep, one address per user, and the mails until they are delivered or dropped. Walking every token to
 * count or end a user's is fine for what fits in memory; the SQL stores use an index.
 */
public final class InMemoryAccountStore implements AccountStore, MailOutbox {
    /** A token, and when it was used or ended by a newer one (null while unused). */
    private record Kept(OneTimeToken token, Instant usedAt) {
        boolean validAt(Instant now) {
            return usedAt == null && token.expiresAt().isAfter(now);
        }

        boolean isOf(UUID userId, OneTimeToken.Purpose purpose) {
            return token.userId().equals(userId) && token.purpose() == purpose;
        }
    }

    /** A mail in the outbox, and when it is next due. */
    private record Waiting(QueuedMail queued, Instant nextAttempt) {
    }

    private final UserRepository users;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Kept> tokens = new HashMap<>();
    private final Map<UUID, String> verified = new HashMap<>();
    private final Map<UUID, Waiting> outbox = new LinkedHashMap<>(); // queued order: ties in time stay in it

    /** On the repository whose users the tokens and proofs belong to. */
    public InMemoryAccountStore(UserRepository users) {
        this.users = users;
    }

    @Override
    public boolean issue(OneTimeToken token, Mail mail, int maxPerWindow) {
        return locked(() -> {
            if (!exists(token.userId())) {
                return false;
            }
            if (tokens.containsKey(token.hash())) {
                throw new IllegalStateException("a token with this hash exists already"); // 256 random bits: a bug
            }
            Instant windowStart = token.createdAt().minus(BRAKE_WINDOW);
            List<Kept> earlier = tokens.values().stream().filter(kept -> kept.isOf(token.userId(), token.purpose())).toList();
            if (earlier.stream().filter(kept -> kept.token().createdAt().isAfter(windowStart)).count() >= maxPerWindow) {
                return false;
            }
            for (Kept kept : earlier) {
                if (kept.usedAt() == null) {
                    tokens.put(kept.token().hash(), new Kept(kept.token(), token.createdAt()));
                }
            }
            tokens.put(token.hash(), new Kept(token, null));
            queue(mail, token.createdAt());
            return true;
        });
    }

    @Override
    public Optional<OneTimeToken> findValid(String hash, OneTimeToken.Purpose purpose, Instant now) {
        return locked(() -> valid(hash, purpose, now).map(Kept::token));
    }

    @Override
    public Optional<OneTimeToken> use(String hash, OneTimeToken.Purpose purpose, Instant now) {
        return locked(() -> {
            Optional<Kept> valid = valid(hash, purpose, now);
            valid.ifPresent(kept -> tokens.put(hash, new Kept(kept.token(), now)));
            return valid.map(Kept::token);
        });
    }

    private Optional<Kept> valid(String hash, OneTimeToken.Purpose purpose, Instant now) {
        return Optional.ofNullable(tokens.get(hash))
                .filter(kept -> kept.token().purpose() == purpose && kept.validAt(now) && exists(kept.token().userId()));
    }

    @Override
    public void markVerified(UUID userId, String email) {
        locked(() -> exists(userId) ? verified.put(userId, email) : null);
    }

    @Override
    public boolean isVerified(UUID userId, String email) {
        return locked(() -> email.equals(verified.get(userId)) && exists(userId));
    }

    /** Also removes the tokens and proofs of users deleted since; the count is of tokens removed. */
    @Override
    public int deleteSpent(Instant now) {
        Instant windowStart = now.minus(BRAKE_WINDOW);
        return locked(() -> {
            int before = tokens.size();
            tokens.values().removeIf(kept -> (kept.token().createdAt().isBefore(windowStart) && !kept.validAt(now))
                    || !exists(kept.token().userId()));
            verified.keySet().removeIf(userId -> !exists(userId));
            return before - tokens.size();
        });
    }

    @Override
    public void enqueue(Mail mail, Instant now) {
        locked(() -> queue(mail, now));
    }

    private Waiting queue(Mail mail, Instant now) {
        UUID id = UUID.randomUUID();
        return outbox.put(id, new Waiting(new QueuedMail(id, mail, 0, now), now));
    }

    @Override
    public List<QueuedMail> claimDue(Instant now, int max, Instant leaseUntil) {
        return locked(() -> {
            List<QueuedMail> claimed = new ArrayList<>();
            List<Waiting> due = outbox.values().stream().filter(waiting -> !waiting.nextAttempt().isAfter(now))
                    .sorted(Comparator.comparing(waiting -> waiting.queued().queuedAt())).limit(max).toList();
            for (Waiting waiting : due) {
                QueuedMail queued = waiting.queued();
                QueuedMail tried = new QueuedMail(queued.id(), queued.mail(), queued.attempts() + 1, queued.queuedAt());
                outbox.put(queued.id(), new Waiting(tried, leaseUntil));
                claimed.add(tried);
            }
            return claimed;
        });
    }

    @Override
    public void delivered(UUID id) {
        locked(() -> outbox.remove(id));
    }

    @Override
    public void retryAt(UUID id, Instant next) {
        locked(() -> outbox.computeIfPresent(id, (key, waiting) -> new Waiting(waiting.queued(), next)));
    }

    @Override
    public void drop(UUID id) {
        locked(() -> outbox.remove(id));
    }

    @Override
    public long size() {
        return locked(outbox::size);
    }

    private boolean exists(UUID userId) {
        return users.findById(userId).isPresent();
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
