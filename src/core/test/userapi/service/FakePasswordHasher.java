package userapi.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Test fake: "hashes" by prefixing {@code hashed:}, records every password it hashed and every hash it checked
 * against, can run a hook first or act busy by throwing what the test supplies. A stored hash starting "old:"
 * needs a rehash. Public, because the extras' tests of sign-in use it too.
 */
public final class FakePasswordHasher implements PasswordHasher {
    public static final String PREFIX = "hashed:";

    public final List<String> hashed = new CopyOnWriteArrayList<>(); // the auth service hashes its dummy on a thread of its own
    public final List<String> checked = new CopyOnWriteArrayList<>();
    public volatile Runnable beforeHash = () -> { };
    /** While set, every hash and check throws what it supplies (an extra's overload refusal, say); null: not busy. */
    public volatile Supplier<? extends RuntimeException> busy;

    @Override
    public String hash(String password) {
        refuseIfBusy();
        beforeHash.run();
        hashed.add(password);
        return PREFIX + password;
    }

    @Override
    public boolean matches(String password, String storedHash) {
        refuseIfBusy();
        checked.add(storedHash);
        return storedHash.equals(PREFIX + password) || storedHash.equals("old:" + password);
    }

    @Override
    public boolean needsRehash(String storedHash) {
        return storedHash.startsWith("old:");
    }

    private void refuseIfBusy() {
        Supplier<? extends RuntimeException> refusal = busy;
        if (refusal != null) {
            throw refusal.get();
        }
    }
}
