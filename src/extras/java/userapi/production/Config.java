package userapi.production;

import userapi.browser.CorsOrigins;
import userapi.limits.TrustedProxies;
import userapi.mail.MailSettings;
import userapi.service.DefaultUserService;
import userapi.service.Pbkdf2PasswordHasher;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The server's settings, read once from environment variables; a bad value stops the start with a clear message.
 * databaseUrl is a JDBC URL (jdbc:sqlite:FILE or jdbc:postgresql://...) or {@link #MEMORY}; databasePoolSize 0 means
 * the database's default pool size; databasePassword is null unless given outside the URL, and never printed.
 * publicUrl is the base of the links in mails (no trailing slash), null when the server is to derive it from its
 * own address; mail says where mails go (an SMTP server, or .eml files), and its password is never printed either;
 * trustedProxies are the proxies whose X-Forwarded-For names the client; auditRetentionDays is how long the audit
 * trail keeps an event; signUpLimitPerHour is how many sign-ups one client address may make in an hour (0: no limit);
 * maxConnectionsPerClient is how many connections with a request in progress one client address may hold;
 * corsOrigins are the web origins whose pages may read the answers (CORS).
 */
public record Config(String host, int port, Set<String> blockedEmailDomains, int passwordHashIterations,
                     String databaseUrl, int databasePoolSize, String databasePassword, int shutdownDrainSeconds,
                     int tokenTtlSeconds, String publicUrl, boolean requireVerifiedEmail, MailSettings mail,
                     TrustedProxies trustedProxies, int auditRetentionDays, int signUpLimitPerHour,
                     int maxConnectionsPerClient, CorsOrigins corsOrigins) {
    public static final String DEFAULT_BLOCKED = String.join(",", DefaultUserService.DEFAULT_BLOCKED_DOMAINS);
    public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:data/users.db";
    /** DATABASE_URL=memory: users live in memory and are gone when the process ends. */
    public static final String MEMORY = "memory";
    /** TOKEN_TTL_SECONDS: how long a bearer token is valid; a day by default, 30 days at most. */
    public static final int DEFAULT_TOKEN_TTL_SECONDS = 86_400;
    public static final int MAX_TOKEN_TTL_SECONDS = 2_592_000;
    /** AUDIT_RETENTION_DAYS: how long the audit trail keeps an event, 1 to 3650 days; older ones are swept. */
    public static final int DEFAULT_AUDIT_RETENTION_DAYS = 90;
    /** SIGNUP_LIMIT_PER_HOUR: sign-ups one client address may make in any hour, 1 to 100,000; unset, no limit. */
    public static final int MAX_SIGNUP_LIMIT_PER_HOUR = 100_000;
    /**
     * MAX_CONNECTIONS_PER_CLIENT: connections with a request in progress one client address may hold (trusted proxies
     * are not counted); well under the JDK's cap on all connections, yet enough for a load generator or a busy NAT.
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 256;
    /**
     * SHUTDOWN_DRAIN_SECONDS: how long /health/ready answers 503 before the server stops accepting, so a load
     * balancer that probes every few seconds takes us out of rotation while we still serve what it sends.
     */
    public static final int DEFAULT_SHUTDOWN_DRAIN_SECONDS = 3;
    /** SMTP_PORT: the submission port, where STARTTLS is the rule. */
    public static final int DEFAULT_SMTP_PORT = 587;
    /** MAIL_DIR: where mails are written as .eml files when no SMTP_HOST is set. */
    public static final String DEFAULT_MAIL_DIR = "data/mail";
    /**
     * MAIL_FROM: an address, or a display name and the address in angle brackets, the name in double quotes if it
     * has a comma, colon, semicolon or @; no line breaks or other control characters.
     */
    private static final String LOCAL_AT_DOMAIN = "[^\\s\\p{Cntrl}@<>()\\[\\],;:\"]+@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?";
    private static final Pattern ADDRESS = Pattern.compile(LOCAL_AT_DOMAIN);
    private static final Pattern NAMED_ADDRESS = Pattern.compile(
            "(\"[^\"\\\\\\p{Cntrl}]*\"|[^<>\",;:@\\p{Cntrl}]*)\\s*<" + LOCAL_AT_DOMAIN + ">");

    /** Like the record's own, but the password is only said to be there: a Config may end up in a log line. */
    @Override
    public String toString() {
        return "Config[host=" + host + ", port=" + port + ", blockedEmailDomains=" + blockedEmailDomains
                + ", passwordHashIterations=" + passwordHashIterations + ", databaseUrl=" + redacted(databaseUrl)
                + ", databasePoolSize=" + databasePoolSize + ", databasePassword=" + (databasePassword == null ? "none" : "***")
                + ", shutdownDrainSeconds=" + shutdownDrainSeconds + ", tokenTtlSeconds=" + tokenTtlSeconds
                + ", publicUrl=" + publicUrl + ", requireVerifiedEmail=" + requireVerifiedEmail + ", mail=" + mail
                + ", trustedProxies=" + trustedProxies + ", auditRetentionDays=" + auditRetentionDays
                + ", signUpLimitPerHour=" + (signUpLimitPerHour == 0 ? "none" : signUpLimitPerHour)
                + ", maxConnectionsPerClient=" + maxConnectionsPerClient + ", corsOrigins=" + corsOrigins + "]";
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
        return new Config(host, port, blocked, iterations, databaseUrl(env), poolSize, secret(env, "DATABASE_PASSWORD"),
                drainSeconds, tokenTtl, publicUrl(env), flag(env, "REQUIRE_VERIFIED_EMAIL", false), mailSettings(env),
                trustedProxies(env), integer(env, "AUDIT_RETENTION_DAYS", DEFAULT_AUDIT_RETENTION_DAYS, 1, 3_650),
                signUpLimitPerHour(env),
                integer(env, "MAX_CONNECTIONS_PER_CLIENT", DEFAULT_MAX_CONNECTIONS_PER_CLIENT, 1, 100_000),
                corsOrigins(env));
    }

    /**
     * A secret such as DATABASE_PASSWORD: the variable name itself, or the content of the file name_FILE names (a
     * mounted secret; one trailing line break is not part of it). Either keeps a password out of a URL, and the file
     * keeps it out of the process's environment too. No message here ever repeats the secret. @return null if unset
     */
    private static String secret(Map<String, String> env, String name) {
        String fileVariable = name + "_FILE";
        String direct = env.get(name);
        String file = env.getOrDefault(fileVariable, "").strip();
        if (direct != null && !direct.isEmpty() && !file.isEmpty()) {
            throw new Invalid("set " + name + " or " + fileVariable + ", not both");
        }
        if (file.isEmpty()) {
            return direct == null || direct.isEmpty() ? null : direct;
        }
        String secret;
        try {
            secret = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new Invalid(fileVariable + " names " + file + ", which cannot be read ("
                    + e.getClass().getSimpleName() + "): check the path and its permissions");
        }
        secret = secret.endsWith("\r\n") ? secret.substring(0, secret.length() - 2)
                : secret.endsWith("\n") ? secret.substring(0, secret.length() - 1) : secret;
        if (secret.isEmpty()) {
            throw new Invalid(fileVariable + " names " + file + ", which is empty");
        }
        return secret;
    }

    /**
     * PUBLIC_URL: an absolute http(s) URL without query, fragment or credentials (it ends up in every mail), kept
     * without its trailing slash; null if unset.
     */
    private static String publicUrl(Map<String, String> env) {
        String raw = env.getOrDefault("PUBLIC_URL", "").strip();
        if (raw.isEmpty()) {
            return null;
        }
        String problem;
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            problem = !scheme.equals("http") && !scheme.equals("https") ? "an absolute http:// or https:// URL"
                    : uri.getHost() == null ? "a URL with a host name"
                    : uri.getRawUserInfo() != null ? "a URL without user:password@"
                    : uri.getRawQuery() != null || uri.getRawFragment() != null ? "a URL without ? or #"
                    : null;
        } catch (URISyntaxException e) {
            problem = "a well-formed URL";
        }
        if (problem != null) {
            throw new Invalid("PUBLIC_URL must be " + problem + ", the base of the links in mails such as "
                    + "https://users.example.com; not '" + redacted(raw) + "'");
        }
        return raw.replaceAll("/+$", "");
    }

    /**
     * TRUSTED_PROXIES: the proxies whose X-Forwarded-For names the client (comma-separated IPs or CIDRs, IPv4 or
     * IPv6); none by default, so the client is the socket's peer.
     */
    private static TrustedProxies trustedProxies(Map<String, String> env) {
        try {
            return TrustedProxies.parse(env.getOrDefault("TRUSTED_PROXIES", ""));
        } catch (IllegalArgumentException e) {
            throw new Invalid("TRUSTED_PROXIES must be comma-separated IP addresses or CIDR networks such as "
                    + "127.0.0.1,10.0.0.0/8,::1 (default none): " + e.getMessage());
        }
    }

    /**
     * CORS_ORIGINS: the origins whose pages may read our answers, comma-separated exact origins, or * for any; none
     * by default, so no answer carries a CORS header.
     */
    private static CorsOrigins corsOrigins(Map<String, String> env) {
        try {
            return CorsOrigins.parse(env.getOrDefault("CORS_ORIGINS", ""));
        } catch (IllegalArgumentException e) {
            throw new Invalid("CORS_ORIGINS must be comma-separated origins (scheme://host[:port]) such as "
                    + "https://app.example.com,http://localhost:3000, or * for any (default none): " + e.getMessage());
        }
    }

    /** SIGNUP_LIMIT_PER_HOUR: a positive whole number; unset or blank, 0 (no limit). */
    private static int signUpLimitPerHour(Map<String, String> env) {
        String raw = env.getOrDefault("SIGNUP_LIMIT_PER_HOUR", "").strip();
        if (raw.isEmpty()) {
            return 0;
        }
        if (raw.matches("\\d{1,6}") && Integer.parseInt(raw) >= 1 && Integer.parseInt(raw) <= MAX_SIGNUP_LIMIT_PER_HOUR) {
            return Integer.parseInt(raw);
        }
        throw new Invalid("SIGNUP_LIMIT_PER_HOUR must be a whole number from 1 to " + MAX_SIGNUP_LIMIT_PER_HOUR
                + ", the sign-ups one client address may make in an hour (unset: no limit), not '" + raw + "'");
    }

    private static boolean flag(Map<String, String> env, String name, boolean fallback) {
        String raw = env.getOrDefault(name, "").strip();
        if (raw.isEmpty()) {
            return fallback;
        }
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw new Invalid(name + " must be true or false (default " + fallback + "), not '" + raw + "'");
    }

    /**
     * SMTP_HOST (unset: mails become .eml files under MAIL_DIR), SMTP_PORT, SMTP_SECURITY, SMTP_USERNAME,
     * SMTP_PASSWORD or SMTP_PASSWORD_FILE, MAIL_FROM (required with SMTP_HOST).
     */
    private static MailSettings mailSettings(Map<String, String> env) {
        String host = optional(env, "SMTP_HOST");
        int port = integer(env, "SMTP_PORT", DEFAULT_SMTP_PORT, 1, 65_535);
        MailSettings.Security security = security(env);
        String username = optional(env, "SMTP_USERNAME");
        String password = secret(env, "SMTP_PASSWORD");
        String from = optional(env, "MAIL_FROM");
        if (username != null && host == null) {
            throw new Invalid("SMTP_USERNAME is set but SMTP_HOST is not: set SMTP_HOST to the mail server, "
                    + "or unset SMTP_USERNAME to write mails as files under MAIL_DIR");
        }
        if (password != null && username == null) {
            throw new Invalid("SMTP_PASSWORD (or SMTP_PASSWORD_FILE) is set but SMTP_USERNAME is not: "
                    + "set the user name the mail server knows the password for");
        }
        if (host != null && from == null) {
            throw new Invalid("MAIL_FROM must be set with SMTP_HOST: the address mails come from, "
                    + "such as no-reply@example.com or Users <no-reply@example.com>");
        }
        if (from != null && !ADDRESS.matcher(from).matches() && !NAMED_ADDRESS.matcher(from).matches()) {
            throw new Invalid("MAIL_FROM must be an address such as no-reply@example.com or "
                    + "Users <no-reply@example.com>, not '" + from + "'");
        }
        return new MailSettings(host, port, security, username, password, from, mailDirectory(env));
    }

    private static MailSettings.Security security(Map<String, String> env) {
        String raw = env.getOrDefault("SMTP_SECURITY", "").strip();
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "", "starttls" -> MailSettings.Security.STARTTLS;
            case "tls" -> MailSettings.Security.TLS;
            case "none" -> MailSettings.Security.NONE;
            default -> throw new Invalid("SMTP_SECURITY must be starttls (default; STARTTLS required), "
                    + "tls (TLS from the start, usually port 465) or none; not '" + raw + "'");
        };
    }

    private static Path mailDirectory(Map<String, String> env) {
        String raw = env.getOrDefault("MAIL_DIR", "").strip();
        try {
            return Path.of(raw.isEmpty() ? DEFAULT_MAIL_DIR : raw);
        } catch (InvalidPathException e) {
            throw new Invalid("MAIL_DIR must be a directory path (default " + DEFAULT_MAIL_DIR + "), not '" + raw + "'");
        }
    }

    /** The variable's value, stripped; null when unset or blank. */
    private static String optional(Map<String, String> env, String name) {
        String raw = env.getOrDefault(name, "").strip();
        return raw.isEmpty() ? null : raw;
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
