package userapi.service;

import userapi.limits.ServiceOverloaded;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test fake: "hashes" by prefixing {@code hashed:}, records every password it hashed and every hash it checked
 * against, can run a hook first or act busy (ServiceOverloaded). A stored hash starting "old:" needs a rehash.
 */
final class FakePasswordHasher implements PasswordHasher {
    static final String PREFIX = "hashed:";

    final List<String> hashed = new CopyOnWriteArrayList<>(); // the auth service hashes its dummy on a thread of its own
    final List<String> checked = new CopyOnWriteArrayList<>();
    Runnable beforeHash = () -> { };
    volatile boolean busy;

    @Override
    public String hash(String password) {
        if (busy) {
            throw new ServiceOverloaded();
        }
        beforeHash.run();
        hashed.add(password);
        return PREFIX + password;
    }

    @Override
    public boolean matches(String password, String storedHash) {
        if (busy) {
            throw new ServiceOverloaded();
        }
        checked.add(storedHash);
        return storedHash.equals(PREFIX + password) || storedHash.equals("old:" + password);
    }

    @Override
    public boolean needsRehash(String storedHash) {
        return storedHash.startsWith("old:");
    }
}
