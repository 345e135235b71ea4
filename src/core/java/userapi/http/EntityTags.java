package userapi.http;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * RFC 9110 entity tags for a resource with a version number: ETag "7"; If-Match and If-None-Match read as sets of
 * versions. Plumbing only: what a version is and when it changes is the service's and the repository's business.
 */
public final class EntityTags {
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");

    private EntityTags() {
    }

    /** A condition header read: "*" (any current version), or the versions named by the tags we could have sent. */
    public record Condition(boolean any, Set<Long> versions) {
        public boolean matches(long version) {
            return any || versions.contains(version);
        }
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * @param weakMatches true for If-None-Match (weak comparison: W/"7" matches "7"); false for If-Match (strong:
     *                    a weak tag never matches). Tags we could not have sent match nothing.
     */
    public static Condition parse(String header, boolean weakMatches) {
        if (header.strip().equals("*")) {
            return new Condition(true, Set.of());
        }
        Set<Long> versions = new LinkedHashSet<>();
        for (String part : header.split(",")) {
            String tag = part.strip();
            boolean weak = tag.startsWith("W/");
            if (weak) {
                if (!weakMatches) {
                    continue;
                }
                tag = tag.substring(2);
            }
            if (tag.length() >= 3 && tag.startsWith("\"") && tag.endsWith("\"")) {
                String digits = tag.substring(1, tag.length() - 1);
                if (VERSION.matcher(digits).matches()) {
                    versions.add(Long.parseLong(digits));
                }
            }
        }
        return new Condition(false, Set.copyOf(versions));
    }
}
