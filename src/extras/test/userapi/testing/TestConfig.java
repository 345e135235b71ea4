package userapi.testing;

import userapi.production.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Config for tests that hand ProductionApp their own repository: built the way Main builds it, from the environment. */
public final class TestConfig {
    private TestConfig() {
    }

    /**
     * Loopback, port 0 (any free port), users in memory unless the test passes its own repository to ProductionApp,
     * no readiness drain on close, and mails written as files into a fresh temporary directory (never data/mail).
     */
    public static Config local(Set<String> blockedEmailDomains, int passwordHashIterations) {
        return local(blockedEmailDomains, passwordHashIterations, 0);
    }

    public static Config local(Set<String> blockedEmailDomains, int passwordHashIterations, int shutdownDrainSeconds) {
        return local(blockedEmailDomains, passwordHashIterations, shutdownDrainSeconds, Config.DEFAULT_TOKEN_TTL_SECONDS);
    }

    /** ... and bearer tokens that live this many seconds. */
    public static Config local(Set<String> blockedEmailDomains, int passwordHashIterations, int shutdownDrainSeconds,
                               int tokenTtlSeconds) {
        return local(blockedEmailDomains, passwordHashIterations, shutdownDrainSeconds, tokenTtlSeconds, Map.of());
    }

    /** ... and more settings, which win over these. */
    public static Config local(Set<String> blockedEmailDomains, int passwordHashIterations, int shutdownDrainSeconds,
                               int tokenTtlSeconds, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "TOKEN_TTL_SECONDS", Integer.toString(tokenTtlSeconds),
                "SHUTDOWN_DRAIN_SECONDS", Integer.toString(shutdownDrainSeconds),
                "HOST", "127.0.0.1",
                "PORT", "0",
                "BLOCKED_EMAIL_DOMAINS", String.join(",", blockedEmailDomains),
                "PASSWORD_HASH_ITERATIONS", Integer.toString(passwordHashIterations),
                "DATABASE_URL", Config.MEMORY,
                "MAIL_DIR", mailDirectory()));
        env.putAll(more);
        return Config.fromEnvironment(env);
    }

    private static String mailDirectory() {
        try {
            return Files.createTempDirectory("userapi-mail").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
