package userapi.http;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Builds the one strict JsonMapper the app shares: trailing content and duplicate keys are errors, the parser's
 * limits fit a flat user document, and no value changes type on the way in (Pydantic's strict mode): "5" is not
 * an int, 5 is not a String, 1.5 is not an int, 0 is not a boolean nor an enum. Only an integer may stand for a
 * floating-point number, because JSON has one number type.
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
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                        DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                        DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                        DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS,
                        MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES,
                        MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS,
                        MapperFeature.ACCEPT_CASE_INSENSITIVE_VALUES)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfigDefaults(JsonMappers::refuseEveryCoercion)
                .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert))
                .build();
    }

    /**
     * The strict mapper for values that arrive as text, such as query parameters: "5" may become an int, "true" a
     * boolean, and nothing else changes; "", "  ", "5x", "1.5" for an int and "null" are still refused.
     */
    public static JsonMapper forText(JsonMapper strict) {
        return strict.rebuild()
                .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
                .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
                .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
                .build();
    }

    /** Whatever the target type, a value of another JSON shape fails instead of being converted, emptied or nulled. */
    private static void refuseEveryCoercion(MutableCoercionConfig defaults) {
        for (CoercionInputShape shape : CoercionInputShape.values()) {
            defaults.setCoercion(shape, CoercionAction.Fail);
        }
        defaults.setAcceptBlankAsEmpty(false);
    }
}
