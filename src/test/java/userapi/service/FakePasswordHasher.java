package userapi.service;

import java.util.ArrayList;
import java.util.List;

/** Test fake: "hashes" by prefixing {@code hashed:}, records every password it hashed, and can run a hook first. */
final class FakePasswordHasher implements PasswordHasher {
    static final String PREFIX = "hashed:";

    final List<String> hashed = new ArrayList<>();
    Runnable beforeHash = () -> { };

    @Override
    public String hash(String password) {
        beforeHash.run();
        hashed.add(password);
        return PREFIX + password;
    }

    @Override
    public boolean matches(String password, String storedHash) {
        return storedHash.equals(PREFIX + password);
    }
}
