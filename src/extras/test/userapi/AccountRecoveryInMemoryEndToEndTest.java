package userapi;

import java.util.Map;

/** The account lifecycle with users kept in memory (DATABASE_URL=memory). */
class AccountRecoveryInMemoryEndToEndTest extends AccountRecoveryEndToEnd {
    @Override
    Map<String, String> store() {
        return Map.of("DATABASE_URL", "memory");
    }

    @Override
    boolean persists() {
        return false;
    }
}
