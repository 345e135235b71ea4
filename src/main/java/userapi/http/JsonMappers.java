package userapi.http;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Builds the one strict JsonMapper the app shares: trailing content and duplicate keys are errors. */
public final class JsonMappers {
    private JsonMappers() {
    }

    public static JsonMapper strict() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
