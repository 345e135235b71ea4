package userapi.production;

import userapi.service.DefaultUserService;
import userapi.service.Pbkdf2PasswordHasher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The server's settings, read once from environment variables; a bad value stops the start with a clear message.
 * databaseUrl is a JDBC URL (jdbc:sqlite:FILE or jdbc:postgresql://...) or {@link #MEMORY}; databasePoolSize 0 means
 * the database's default pool size; databasePassword is null unless given outside the URL, and never printed.
 */
public record Config(String host, int port, Set<String> blockedEmailDomains, int passwordHashIterations,
                     String databaseUrl, int databasePoolSize, String databasePassword, int shutdownDrainSeconds,
                     int tokenTtlSeconds) {
    public static final String DEFAULT_BLOCKED = String.join(",", DefaultUserService.DEFAULT_BLOCKED_DOMAINS);
    public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:data/users.db";
    /** DATABASE_URL=memory: users live in memory and are gone when the process ends. */
    public static final String MEMORY = "memory";
    /** TOKEN_TTL_SECONDS: how long a bearer token is valid; a day by default, 30 days at most. */
    public static final int DEFAULT_TOKEN_TTL_SECONDS = 86_400;
    public static final int MAX_TOKEN_TTL_SECONDS = 2_592_000;
    /**
     * SHUTDOWN_DRAIN_SECONDS: how long /health/ready answers 503 before the server stops accepting, so a load
     * balancer that probes every few seconds takes us out of rotation while we still serve what it sends.
     */
    public static final int DEFAULT_SHUTDOWN_DRAIN_SECONDS = 3;

    /** Like the record's own, but the password is only said to be there: a Config may end up in a log line. */
    @Override
    public String toString() {
        return "Config[host=" + host + ", port=" + port + ", blockedEmailDomains=" + blockedEmailDomains
                + ", passwordHashIterations=" + passwordHashIterations + ", databaseUrl=" + redacted(databaseUrl)
                + ", databasePoolSize=" + databasePoolSize + ", databasePassword=" + (databasePassword == null ? "none" : "***")
                + ", shutdownDrainSeconds=" + shutdownDrainSeconds + ", tokenTtlSeconds=" + tokenTtlSeconds + "]";
    }

    /** Thrown for a setting that cannot be used; its message is meant for the person starting the server. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    public static Config fromEnvironment(Map<String, String> env) {
        String host = env.getOrDefault("HOST", "127.0.0.1").strip();
        if (host.isEmpty()) {
            throw new Invalid("HOST must not be empty (default 127.0.0.1)");
        }
        int port = integer(env, "PORT", 8080, 0, 65_535);
        int iterations = integer(env, "PASSWORD_HASH_ITERATIONS", Pbkdf2PasswordHasher.DEFAULT_ITERATIONS, 1_000, 10_000_000);
        Set<String> blocked = Arrays.stream(env.getOrDefault("BLOCKED_EMAIL_DOMAINS", DEFAULT_BLOCKED).split(","))
                .map(d -> d.strip().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String domain : blocked) {
            if (!domain.matches("[a-z0-9.-]+") || domain.startsWith(".") || domain.endsWith(".")) {
                throw new Invalid("BLOCKED_EMAIL_DOMAINS has an invalid domain '" + domain
                        + "': give a comma-separated list such as " + DEFAULT_BLOCKED);
            }
        }
        int drainSeconds = integer(env, "SHUTDOWN_DRAIN_SECONDS", DEFAULT_SHUTDOWN_DRAIN_SECONDS, 0, 300);
        int poolSize = integer(env, "DB_POOL_SIZE", 0, 0, 1_000);
        int tokenTtl = integer(env, "TOKEN_TTL_SECONDS", DEFAULT_TOKEN_TTL_SECONDS, 1, MAX_TOKEN_TTL_SECONDS);
        return new Config(host, port, blocked, iterations, databaseUrl(env), poolSize, databasePassword(env), drainSeconds,
                tokenTtl);
    }

    /**
     * DATABASE_PASSWORD, or the content of the file DATABASE_PASSWORD_FILE names (a mounted secret; one trailing
     * line break is not part of it): either keeps the password out of the URL, and the file keeps it out of the
     * process's environment too. No message here ever repeats the password.
     */
    private static String databasePassword(Map<String, String> env) {
        String direct = env.get("DATABASE_PASSWORD");
        String file = env.getOrDefault("DATABASE_PASSWORD_FILE", "").strip();
        if (direct != null && !direct.isEmpty() && !file.isEmpty()) {
            throw new Invalid("set DATABASE_PASSWORD or DATABASE_PASSWORD_FILE, not both");
        }
        if (file.isEmpty()) {
            return direct == null || direct.isEmpty() ? null : direct;
        }
        String password;
        try {
            password = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new Invalid("DATABASE_PASSWORD_FILE names " + file + ", which cannot be read ("
                    + e.getClass().getSimpleName() + "): check the path and its permissions");
        }
        password = password.endsWith("\r\n") ? password.substring(0, password.length() - 2)
                : password.endsWith("\n") ? password.substring(0, password.length() - 1) : password;
        if (password.isEmpty()) {
            throw new Invalid("DATABASE_PASSWORD_FILE names " + file + ", which is empty");
        }
        return password;
    }

    private static String databaseUrl(Map<String, String> env) {
        String url = env.getOrDefault("DATABASE_URL", "").strip();
        if (url.isEmpty()) {
            return DEFAULT_DATABASE_URL;
        }
        if (url.equals(MEMORY) || url.startsWith("jdbc:postgresql://")) {
            return url;
        }
        if (url.startsWith("jdbc:sqlite:")) {
            String file = url.substring("jdbc:sqlite:".length());
            if (file.isBlank() || file.startsWith("?") || file.contains(":memory:") || file.contains("mode=memory")) {
                throw new Invalid("DATABASE_URL=jdbc:sqlite: needs a file such as data/users.db; "
                        + "for users kept in memory set DATABASE_URL=memory");
            }
            return url;
        }
        throw new Invalid("DATABASE_URL must be jdbc:sqlite:FILE (default " + DEFAULT_DATABASE_URL
                + "), jdbc:postgresql://HOST:PORT/DATABASE?user=..., or memory; not '" + redacted(url) + "'");
    }

    /** The URL as it may appear in a message: no password, whether given as user:password@ or password=. */
    static String redacted(String url) {
        return url.replaceAll("//[^/@?]*@", "//***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw new Invalid(name + " must be a whole number from " + min + " to " + max + " (default " + fallback
                + "), not '" + raw + "'");
    }
}
