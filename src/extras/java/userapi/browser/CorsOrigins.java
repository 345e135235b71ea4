package userapi.browser;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * CORS_ORIGINS, parsed: the web origins whose pages may read this API's answers; none (the default), a list of
 * exact origins (scheme://host[:port], kept as a browser sends them in Origin: lower case, no default port), or any.
 */
public final class CorsOrigins {
    /** No origin: no answer carries a CORS header, and a browser lets no page on another origin read it. */
    public static final CorsOrigins NONE = new CorsOrigins(Set.of(), false);
    /** Any origin, answered with Access-Control-Allow-Origin: *. */
    public static final CorsOrigins ANY = new CorsOrigins(Set.of(), true);

    private final Set<String> origins;
    private final boolean any;

    private CorsOrigins(Set<String> origins, boolean any) {
        this.origins = origins;
        this.any = any;
    }

    /**
     * "https://app.example.com,http://localhost:3000", "*" or "" (none).
     * @throws IllegalArgumentException naming the entry that is not an origin, and why
     */
    public static CorsOrigins parse(String raw) {
        Set<String> origins = new LinkedHashSet<>();
        boolean any = false;
        for (String entry : raw.split(",")) {
            String origin = entry.strip();
            if (origin.equals("*")) {
                any = true;
            } else if (!origin.isEmpty()) {
                origins.add(origin(origin));
            }
        }
        if (any && !origins.isEmpty()) {
            throw new IllegalArgumentException("* allows every origin and stands alone, not beside " + origins);
        }
        return any ? ANY : origins.isEmpty() ? NONE : new CorsOrigins(Set.copyOf(origins), false);
    }

    /** One origin as a browser serialises it: https://App.Example.com:443 -> https://app.example.com. */
    private static String origin(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not an origin");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String problem = !scheme.equals("http") && !scheme.equals("https") ? "has no http:// or https://"
                : uri.getHost() == null ? "has no host name"
                : uri.getRawUserInfo() != null ? "has a user@"
                : !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null
                ? "has a path, query or fragment (an origin has none, not even a trailing /)"
                : null;
        if (problem != null) {
            throw new IllegalArgumentException("'" + text + "' " + problem);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** Whether any origin at all is allowed: else no answer carries a CORS header. */
    public boolean enabled() {
        return any || !origins.isEmpty();
    }

    /** Whether the answer is the same for every origin (*): then it need not vary by Origin. */
    public boolean any() {
        return any;
    }

    /** The value of Access-Control-Allow-Origin for a request that sent this Origin, or null: not allowed. */
    public String allowOriginFor(String origin) {
        if (origin == null) {
            return null;
        }
        return any ? "*" : origins.contains(origin) ? origin : null;
    }

    @Override
    public String toString() {
        return any ? "*" : origins.isEmpty() ? "none" : String.join(",", origins.stream().sorted().toList());
    }
}
