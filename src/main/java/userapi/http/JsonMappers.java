package userapi.http;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the one strict JsonMapper the app shares: trailing content and duplicate keys are errors, and the
 * parser's limits fit a flat user document, so a hostile body costs little before it is refused.
 */
public final class JsonMappers {
    private JsonMappers() {
    }

    public static JsonMapper strict() {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(16)
                .maxDocumentLength(64 * 1024)
                .maxTokenCount(10_000)
                .maxStringLength(16 * 1024)
                .maxNameLength(256)
                .maxNumberLength(32)
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(limits)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }
}
