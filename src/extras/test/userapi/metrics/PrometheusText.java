package userapi.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4 (the client library has no parser): every line is
 * a HELP, a TYPE or a sample; a sample belongs to a family whose TYPE came first, with the suffixes its type allows;
 * no series twice; a histogram's buckets are cumulative and end with le="+Inf", equal to its _count.
 */
public final class PrometheusText {
    /** One sample line: metric name, labels in order, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern VALUE = Pattern.compile("[+-]?(Inf|NaN|[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?|\\.[0-9]+([eE][+-]?[0-9]+)?)");

    private PrometheusText() {
    }

    /** Parses the whole text or fails the test naming the first bad line. */
    public static List<Sample> parse(String text) {
        assertTrue(text.isEmpty() || text.endsWith("\n"), "the exposition ends with a line break");
        Map<String, String> types = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        Set<String> series = new HashSet<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.startsWith("#")) {
                Matcher type = TYPE.matcher(line);
                if (type.matches()) {
                    if (types.put(type.group(1), type.group(2)) != null) {
                        fail("line " + number + ": a second TYPE for " + type.group(1));
                    }
                } else if (!HELP.matcher(line).matches()) {
                    fail("line " + number + " is neither HELP nor TYPE: " + line);
                }
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches() || !VALUE.matcher(sample.group(4)).matches()) {
                fail("line " + number + " is not a sample: " + line);
            }
            String name = sample.group(1);
            if (family(name, types).isEmpty()) {
                fail("line " + number + ": no TYPE before " + name);
            }
            Map<String, String> labels = labels(sample.group(3) == null ? "" : sample.group(3), number, line);
            if (!series.add(name + labels)) {
                fail("line " + number + ": the series " + name + labels + " twice");
            }
            samples.add(new Sample(name, labels, Double.parseDouble(sample.group(4).replace("Inf", "Infinity"))));
        }
        checkHistograms(samples, types);
        return samples;
    }

    private static java.util.Optional<String> family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return java.util.Optional.of(name);
        }
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
            if (base != null && ("histogram".equals(types.get(base)) || "summary".equals(types.get(base)))) {
                return java.util.Optional.of(base);
            }
        }
        return java.util.Optional.empty();
    }

    private static Map<String, String> labels(String text, int number, String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher label = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!label.find(at) || label.start() != at) {
                fail("line " + number + " has a malformed label set: " + line);
            }
            if (labels.put(label.group(1), label.group(2)) != null) {
                fail("line " + number + " repeats the label " + label.group(1));
            }
            at = label.end();
        }
        return labels;
    }

    private static void checkHistograms(List<Sample> samples, Map<String, String> types) {
        for (Map.Entry<String, String> type : types.entrySet()) {
            if (!type.getValue().equals("histogram")) {
                continue;
            }
            Map<Map<String, String>, List<Sample>> bySeries = new LinkedHashMap<>();
            for (Sample sample : samples) {
                if (sample.name().equals(type.getKey() + "_bucket")) {
                    Map<String, String> rest = new LinkedHashMap<>(sample.labels());
                    assertTrue(rest.remove("le") != null, "a bucket without le: " + sample);
                    bySeries.computeIfAbsent(rest, k -> new ArrayList<>()).add(sample);
                }
            }
            for (Map.Entry<Map<String, String>, List<Sample>> buckets : bySeries.entrySet()) {
                double previous = 0;
                for (Sample bucket : buckets.getValue()) {
                    assertTrue(bucket.value() >= previous, "buckets are cumulative: " + buckets.getValue());
                    previous = bucket.value();
                }
                Sample last = buckets.getValue().getLast();
                assertEquals("+Inf", last.labels().get("le"), "the last bucket is +Inf: " + last);
                double count = samples.stream().filter(s -> s.name().equals(type.getKey() + "_count")
                        && s.labels().equals(buckets.getKey())).findFirst().orElseThrow().value();
                assertEquals(count, last.value(), "+Inf bucket equals _count for " + buckets.getKey());
            }
        }
    }
}
