package userapi.http;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import userapi.exception.FieldError;
import userapi.exception.RejectedRequest;
import userapi.exception.RejectedRequest.Reason;
import userapi.exception.ValidationFailed;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pydantic's part: binds a request's JSON body, or its query parameters, to a request record and validates it,
 * reporting every bad field at once. Not JSON -> 400 MALFORMED_JSON; JSON that breaks the model -> 422
 * VALIDATION_FAILED. Unknown fields and explicit nulls are refused, and the mapper's coercion rules
 * ({@link JsonMappers}) decide for every type which values it accepts, so no type converts a value silently.
 * <p>
 * How: parse once to a tree, then bind each field on its own (so one bad field does not hide the next) into the
 * record's canonical constructor; a field that is itself a record is bound the same way, its errors named
 * "outer.inner". Fields are named as the record's components are (no renaming annotations). A primitive
 * component that is absent is an error, like a null; use the wrapper type to make a field optional.
 */
public final class ModelReader {
    private final JsonMapper json;
    private final JsonMapper text;
    private final Validator validator;
    private final ClassValue<Shape> shapes = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type, json);
        }
    };

    public ModelReader(JsonMapper mapper, Validator validator) {
        this.json = mapper;
        this.text = JsonMappers.forText(mapper);
        this.validator = validator;
    }

    /** The body as the record: sent as application/json, strict UTF-8, one JSON object. */
    public <T extends Record> T read(Request request, Class<T> type) {
        if (request.body().length == 0) {
            throw RejectedRequest.malformedJson("The request body is empty; a JSON object is expected.");
        }
        if (!isJson(request.contentType())) {
            throw new RejectedRequest(Reason.UNSUPPORTED_MEDIA_TYPE, "The request body must be sent as application/json.");
        }
        JsonNode tree = parse(request.body());
        if (hasLoneSurrogate(tree)) {
            throw RejectedRequest.malformedJson("The request body contains a lone UTF-16 surrogate, which is not valid Unicode.");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new ValidationFailed("body", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        T model = bind(type, object, json, "", errors);
        return validated(type, model, errors);
    }

    /**
     * The query parameters as the record, by the same rules, except that a value is text: "5" is an int here,
     * while "", "5x" and "1.5" are not. A parameter the record does not name is ignored (like FastAPI, so a
     * cache-buster such as {@code _=123} does no harm); of a repeated parameter the first value counts.
     */
    public <T extends Record> T readQuery(Request request, Class<T> type) {
        ObjectNode fields = text.createObjectNode();
        for (String name : shapes.get(type).names()) {
            request.queryParam(name).ifPresent(value -> fields.put(name, value));
        }
        List<FieldError> errors = new ArrayList<>();
        T model = bind(type, fields, text, "", errors);
        return validated(type, model, errors);
    }

    /** The record built from the object's fields, null if it cannot be built; every bad field lands in errors. */
    private <T> T bind(Class<T> type, ObjectNode object, JsonMapper mapper, String prefix, List<FieldError> errors) {
        Shape shape = shapes.get(type);
        Object[] values = new Object[shape.components().length];
        boolean[] present = new boolean[values.length];
        int errorsBefore = errors.size();
        for (Entry<String, JsonNode> field : object.properties()) {
            String name = prefix + field.getKey();
            int index = shape.names().indexOf(field.getKey());
            if (index < 0) {
                errors.add(new FieldError(name, "is not a known field"));
            } else {
                present[index] = true;
                values[index] = value(shape, index, field.getValue(), mapper, name, errors);
            }
        }
        for (int i = 0; i < values.length; i++) {
            Class<?> componentType = shape.components()[i].getType();
            if (componentType.isPrimitive() && values[i] == null) {
                if (!present[i]) {
                    errors.add(new FieldError(prefix + shape.names().get(i), "must not be null"));
                }
                values[i] = Array.get(Array.newInstance(componentType, 1), 0); // a placeholder: the field is reported
            }
        }
        try {
            return type.cast(shape.constructor().newInstance(values));
        } catch (ReflectiveOperationException | IllegalArgumentException refused) { // refused: the constructor threw
            if (errors.size() == errorsBefore) { // the record's own constructor refused values that all bound
                errors.add(new FieldError(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                        "does not match the expected model"));
            }
            return null;
        }
    }

    private Object value(Shape shape, int index, JsonNode node, JsonMapper mapper, String name, List<FieldError> errors) {
        Class<?> type = shape.components()[index].getType();
        if (node.isNull()) {
            errors.add(new FieldError(name, "must not be null"));
            return null;
        }
        if (type.isRecord()) {
            if (node instanceof ObjectNode object) {
                return bind(type, object, mapper, name + ".", errors);
            }
            errors.add(new FieldError(name, expected(type)));
            return null;
        }
        try {
            return mapper.treeToValue(node, shape.javaTypes()[index]);
        } catch (JacksonException wrongType) {
            errors.add(new FieldError(name, expected(type)));
            return null;
        }
    }

    /** The model once valid; else one 422 with the binding errors and the violations of the fields still unreported. */
    private <T> T validated(Class<T> type, T model, List<FieldError> errors) {
        if (model != null) {
            Set<String> reported = new HashSet<>();
            errors.forEach(e -> reported.add(e.field()));
            for (ConstraintViolation<T> violation : validator.validate(model)) {
                String field = violation.getPropertyPath().toString();
                if (!reported.contains(field)) {
                    errors.add(new FieldError(field, violation.getMessage()));
                }
            }
        }
        if (errors.isEmpty()) {
            return model;
        }
        errors.sort(inModelOrder(type));
        throw new ValidationFailed(errors);
    }

    /** The one order of field errors: the record's fields as declared, then any other name (unknown fields) A-Z. */
    private Comparator<FieldError> inModelOrder(Class<?> type) {
        List<String> names = shapes.get(type).names();
        return Comparator.comparingInt((FieldError e) -> {
                    int dot = e.field().indexOf('.');
                    int index = names.indexOf(dot < 0 ? e.field() : e.field().substring(0, dot));
                    return index < 0 ? names.size() : index;
                })
                .thenComparing(FieldError::field)
                .thenComparing(FieldError::message);
    }

    /** What a value of this type must be, in the client's terms (JSON's types, not Java's). */
    static String expected(Class<?> type) {
        Class<?> boxed = type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0).getClass() : type; // int -> Integer
        if (CharSequence.class.isAssignableFrom(boxed) || boxed == Character.class) {
            return "must be a string";
        }
        if (boxed == Integer.class || boxed == Long.class || boxed == Short.class || boxed == Byte.class
                || boxed == BigInteger.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(boxed)) {
            return "must be a number";
        }
        if (boxed == Boolean.class) {
            return "must be true or false";
        }
        if (boxed.isEnum()) { // Jackson 3 reads an enum by its toString()
            return Arrays.stream(boxed.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", ", "must be one of ", ""));
        }
        if (boxed.isRecord() || Map.class.isAssignableFrom(boxed)) {
            return "must be a JSON object";
        }
        if (boxed.isArray() || Collection.class.isAssignableFrom(boxed)) {
            return "must be a JSON array";
        }
        return "is not a valid " + boxed.getSimpleName();
    }

    /** What binding needs to know of a record type, looked up once per type. */
    private record Shape(RecordComponent[] components, List<String> names, JavaType[] javaTypes,
                         Constructor<?> constructor) {
        static Shape of(Class<?> type, JsonMapper mapper) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
            JavaType[] javaTypes = Arrays.stream(components).map(c -> mapper.constructType(c.getGenericType()))
                    .toArray(JavaType[]::new);
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                constructor.setAccessible(true); // a request record declared inside a test class is not public
                return new Shape(components, names, javaTypes, constructor);
            } catch (NoSuchMethodException impossible) { // every record has its canonical constructor
                throw new IllegalStateException(impossible);
            }
        }
    }

    /**
     * Decodes strictly as UTF-8 first: Jackson's byte parser accepts overlong forms (C0 AF as "/", C0 80 as NUL)
     * and guesses UTF-16 or UTF-32 from the first bytes, while JSON between systems must be UTF-8 (RFC 8259).
     */
    private JsonNode parse(byte[] body) {
        String decoded;
        JsonNode tree;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw RejectedRequest.malformedJson("The request body is not valid UTF-8.");
        }
        if (decoded.startsWith("\uFEFF")) {
            decoded = decoded.substring(1); // a byte order mark may be ignored (RFC 8259, 8.1)
        }
        try {
            tree = json.readTree(decoded);
        } catch (JacksonException e) {
            throw RejectedRequest.malformedJson("The request body is not valid JSON.");
        }
        if (tree == null || tree.isMissingNode()) { // only whitespace: Jackson reads "no value", not an error
            throw RejectedRequest.malformedJson("The request body is empty; a JSON object is expected.");
        }
        return tree;
    }

    /** Looks in every name and string of the document, however deep: any lone surrogate makes it invalid. */
    private static boolean hasLoneSurrogate(JsonNode node) {
        if (node.isString()) {
            return hasLoneSurrogate(node.asString());
        }
        if (node.isObject()) {
            for (Entry<String, JsonNode> field : node.properties()) {
                if (hasLoneSurrogate(field.getKey()) || hasLoneSurrogate(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasLoneSurrogate(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** JSON's \\uD800-style escapes can spell half a character; Java strings would carry it on unnoticed. */
    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** application/json, with or without parameters such as charset=utf-8. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.toLowerCase(Locale.ROOT).equals(JsonBodyWriter.JSON);
    }
}
