package userapi.http;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import userapi.error.FieldError;
import userapi.error.RejectedRequest;
import userapi.error.RejectedRequest.Reason;
import userapi.error.ValidationFailed;

import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;

/**
 * Pydantic's part: reads a request body into a request record and validates it, reporting every invalid field
 * at once. Not JSON -> 400 MALFORMED_JSON; JSON that breaks the model -> 422 VALIDATION_FAILED. Unknown fields
 * are rejected (Pydantic's extra="forbid"), explicit nulls too, and no number or boolean becomes a string.
 */
public final class ModelReader {
    private final JsonMapper mapper;
    private final Validator validator;

    public ModelReader(JsonMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

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
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            components.put(component.getName(), component);
        }
        List<FieldError> errors = new ArrayList<>();
        ObjectNode accepted = mapper.createObjectNode();
        for (Entry<String, JsonNode> field : object.properties()) {
            RecordComponent component = components.get(field.getKey());
            JsonNode value = field.getValue();
            if (component == null) {
                errors.add(new FieldError(field.getKey(), "is not a known field"));
            } else if (value.isNull()) {
                errors.add(new FieldError(field.getKey(), "must not be null"));
            } else if (component.getType() == String.class && !value.isString()) {
                errors.add(new FieldError(field.getKey(), "must be a string"));
            } else {
                accepted.set(field.getKey(), value);
            }
        }
        T model = bind(accepted, type);
        errors = withViolations(errors, model);
        if (!errors.isEmpty()) {
            List<String> order = List.copyOf(components.keySet());
            errors.sort(Comparator.comparing((FieldError e) -> order.contains(e.field()) ? order.indexOf(e.field()) : order.size())
                    .thenComparing(FieldError::field).thenComparing(FieldError::message));
            throw new ValidationFailed(errors);
        }
        return model;
    }

    /**
     * Validates a model built by hand and reports its violations together with the errors found while building
     * it (such as a query parameter that is not a number), so the client learns of every bad field at once.
     * A field already reported is not reported again.
     */
    public <T> T validate(T model, List<FieldError> earlierErrors) {
        List<FieldError> errors = withViolations(earlierErrors, model);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field)); // stable: a field's own messages keep their order
            throw new ValidationFailed(errors);
        }
        return model;
    }

    /** The earlier errors plus the model's violations of fields not reported already. */
    private <T> List<FieldError> withViolations(List<FieldError> earlierErrors, T model) {
        List<FieldError> errors = new ArrayList<>(earlierErrors);
        Set<String> alreadyReported = new HashSet<>();
        earlierErrors.forEach(e -> alreadyReported.add(e.field()));
        for (FieldError violation : violations(model)) {
            if (!alreadyReported.contains(violation.field())) {
                errors.add(violation);
            }
        }
        return errors;
    }

    private <T> List<FieldError> violations(T model) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<T> violation : validator.validate(model)) {
            errors.add(new FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors;
    }

    /**
     * Decodes strictly as UTF-8 first: Jackson's byte parser accepts overlong forms (C0 AF as "/", C0 80 as NUL)
     * and guesses UTF-16 or UTF-32 from the first bytes, while JSON between systems must be UTF-8 (RFC 8259).
     */
    private JsonNode parse(byte[] body) {
        String text;
        JsonNode tree;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw RejectedRequest.malformedJson("The request body is not valid UTF-8.");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark may be ignored (RFC 8259, 8.1)
        }
        try {
            tree = mapper.readTree(text);
        } catch (JacksonException e) {
            throw RejectedRequest.malformedJson("The request body is not valid JSON.");
        }
        if (tree == null || tree.isMissingNode()) { // only whitespace: Jackson reads "no value", not an error
            throw RejectedRequest.malformedJson("The request body is empty; a JSON object is expected.");
        }
        return tree;
    }

    private <T> T bind(ObjectNode accepted, Class<T> type) {
        try {
            return mapper.treeToValue(accepted, type);
        } catch (JacksonException e) {
            throw new ValidationFailed("body", "does not match the expected model");
        }
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
