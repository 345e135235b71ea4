package userapi.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import org.hibernate.validator.constraints.CodePointLength;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes JSON Schemas (2020-12, as OpenAPI 3.1 uses) of the model records: one property per record component,
 * limits read from its Bean Validation constraints through the standard metadata API
 * (Validator.getConstraintsForClass), so the document says what validation really checks. A record meets
 * additionalProperties: false, as the ModelReader refuses unknown fields. A constraint it has no mapping for stops
 * the build rather than being left out silently.
 */
final class ModelSchemas {
    /** Which way a model travels: a request property is required only if @NotNull; a response one always is. */
    enum Direction { REQUEST, RESPONSE }

    private final Validator validator;
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final Map<String, ObjectNode> components = new TreeMap<>();
    private final Map<String, Direction> directions = new HashMap<>();

    ModelSchemas(Validator validator) {
        this.validator = validator;
    }

    /** The schemas written so far, by component name, for components.schemas. */
    Map<String, ObjectNode> components() {
        return components;
    }

    /** A $ref to the component of a record (written once, with the records it refers to). */
    ObjectNode reference(ApiDescription.Model model, Direction direction) {
        return reference(model.type(), bindings(model), direction);
    }

    /** The schema of one component of a record, e.g. a query parameter of a query model. */
    ObjectNode property(Class<? extends Record> type, RecordComponent component, Direction direction) {
        return propertySchema(type, component, component.getGenericType(), Map.of(), direction);
    }

    /** The schema of a plain value such as a path parameter's UUID. */
    ObjectNode value(Class<?> type) {
        return typeSchema(type, Map.of(), Direction.REQUEST);
    }

    /** Whether a client must send this component. */
    boolean required(Class<? extends Record> type, RecordComponent component, Direction direction) {
        return isRequired(type, component, direction);
    }

    private ObjectNode reference(Class<?> type, Map<TypeVariable<?>, Type> bindings, Direction direction) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type.getName() + " is not a record: models are records");
        }
        String name = componentName(type, bindings);
        Direction earlier = directions.putIfAbsent(name, direction);
        if (earlier == null) {
            components.put(name, json.objectNode()); // placeholder first, so a model that refers to itself ends
            components.put(name, recordSchema(type.asSubclass(Record.class), bindings, direction));
        } else if (earlier != direction) {
            throw new IllegalStateException(name + " is used as both request and response model; give each way its own record");
        }
        return json.objectNode().put("$ref", "#/components/schemas/" + name);
    }

    private ObjectNode recordSchema(Class<? extends Record> type, Map<TypeVariable<?>, Type> bindings, Direction direction) {
        ObjectNode schema = json.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = json.arrayNode();
        for (RecordComponent component : type.getRecordComponents()) {
            properties.set(component.getName(), propertySchema(type, component, component.getGenericType(), bindings, direction));
            if (isRequired(type, component, direction)) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private boolean isRequired(Class<? extends Record> type, RecordComponent component, Direction direction) {
        if (constraint(type, component, NotNull.class)) {
            return true;
        }
        if (direction == Direction.REQUEST) {
            return false; // absent: null, or the handler's default (a query's limit)
        }
        // Jackson writes every component of a response, null or not, unless the record asks for NON_NULL
        JsonInclude include = type.getAnnotation(JsonInclude.class);
        return component.getType().isPrimitive() || include == null || include.value() != JsonInclude.Include.NON_NULL;
    }

    private ObjectNode propertySchema(Class<? extends Record> owner, RecordComponent component, Type type,
                                      Map<TypeVariable<?>, Type> bindings, Direction direction) {
        ObjectNode schema = typeSchema(type, bindings, direction);
        for (ConstraintDescriptor<?> constraint : constraints(owner, component)) {
            apply(constraint, schema, owner.getSimpleName() + "." + component.getName());
        }
        return schema;
    }

    private ObjectNode typeSchema(Type type, Map<TypeVariable<?>, Type> bindings, Direction direction) {
        if (type instanceof TypeVariable<?> variable) {
            Type bound = bindings.get(variable);
            if (bound == null) {
                throw new IllegalStateException("no type argument for " + variable + ": describe the model with its type arguments");
            }
            return typeSchema(bound, bindings, direction);
        }
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                ObjectNode array = json.objectNode().put("type", "array");
                array.set("items", typeSchema(parameterized.getActualTypeArguments()[0], bindings, direction));
                return array;
            }
            if (raw == Optional.class) { // a response's value that may be null: Jackson writes an empty one as null
                ObjectNode value = typeSchema(parameterized.getActualTypeArguments()[0], bindings, direction);
                ObjectNode nullable = json.objectNode();
                nullable.putArray("anyOf").add(value).add(json.objectNode().put("type", "null"));
                return nullable;
            }
            Map<TypeVariable<?>, Type> inner = new HashMap<>();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            for (int i = 0; i < variables.length; i++) {
                Type argument = parameterized.getActualTypeArguments()[i];
                inner.put(variables[i], argument instanceof TypeVariable<?> v ? bindings.get(v) : argument);
            }
            return reference(raw, inner, direction);
        }
        Class<?> type1 = (Class<?>) type;
        if (type1 == String.class) {
            return json.objectNode().put("type", "string");
        }
        if (type1 == int.class || type1 == Integer.class) {
            return json.objectNode().put("type", "integer").put("format", "int32");
        }
        if (type1 == long.class || type1 == Long.class) {
            return json.objectNode().put("type", "integer").put("format", "int64");
        }
        if (type1 == boolean.class || type1 == Boolean.class) {
            return json.objectNode().put("type", "boolean");
        }
        if (type1 == UUID.class) {
            return json.objectNode().put("type", "string").put("format", "uuid");
        }
        if (type1 == Instant.class) {
            return json.objectNode().put("type", "string").put("format", "date-time");
        }
        if (type1.isEnum()) {
            ObjectNode schema = json.objectNode().put("type", "string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : type1.getEnumConstants()) {
                values.add(jsonName((Enum<?>) constant));
            }
            return schema;
        }
        if (type1.isRecord()) {
            return reference(type1, Map.of(), direction);
        }
        throw new IllegalStateException("no JSON Schema for the Java type " + type1.getName() + ": add it to ModelSchemas");
    }

    /** Bean Validation constraint -> JSON Schema keyword. JSON Schema counts code points, like @CodePointLength. */
    private void apply(ConstraintDescriptor<?> constraint, ObjectNode schema, String where) {
        Annotation annotation = constraint.getAnnotation();
        switch (annotation) {
            case NotNull notNull -> { } // "required" of the enclosing object
            case CodePointLength length -> {
                if (length.normalizationStrategy() != CodePointLength.NormalizationStrategy.NONE) {
                    throw new IllegalStateException(where + ": @CodePointLength with normalization has no JSON Schema form");
                }
                schema.put("minLength", length.min());
                if (length.max() != Integer.MAX_VALUE) {
                    schema.put("maxLength", length.max());
                }
            }
            case Size size -> { // counts UTF-16 units: for text outside the BMP, maxLength (code points) is looser
                if (size.min() > 0) {
                    schema.put("minLength", size.min());
                }
                if (size.max() != Integer.MAX_VALUE) {
                    schema.put("maxLength", size.max());
                }
            }
            case Pattern pattern -> {
                if (pattern.flags().length > 0) {
                    throw new IllegalStateException(where + ": @Pattern flags have no JSON Schema form");
                }
                schema.put("pattern", "^(?:" + pattern.regexp() + ")$"); // Java matches the whole value; JSON Schema searches
            }
            case Email email -> {
                if (!email.regexp().equals(".*")) {
                    throw new IllegalStateException(where + ": @Email with a regexp has no JSON Schema form");
                }
                schema.put("format", "email");
            }
            case Min min -> schema.put("minimum", min.value());
            case Max max -> schema.put("maximum", max.value());
            default -> throw new IllegalStateException(where + ": no JSON Schema mapping for @"
                    + annotation.annotationType().getSimpleName() + ": add one to ModelSchemas.apply");
        }
    }

    private boolean constraint(Class<?> type, RecordComponent component, Class<? extends Annotation> kind) {
        return constraints(type, component).stream().anyMatch(c -> kind.isInstance(c.getAnnotation()));
    }

    private List<ConstraintDescriptor<?>> constraints(Class<?> type, RecordComponent component) {
        PropertyDescriptor property = validator.getConstraintsForClass(type).getConstraintsForProperty(component.getName());
        if (property == null) {
            return List.of();
        }
        return property.getConstraintDescriptors().stream()
                .sorted(Comparator.comparing(c -> c.getAnnotation().annotationType().getName())) // a stable document
                .toList();
    }

    private static Map<TypeVariable<?>, Type> bindings(ApiDescription.Model model) {
        TypeVariable<?>[] variables = model.type().getTypeParameters();
        if (variables.length != model.typeArguments().size()) {
            throw new IllegalStateException(model.type().getSimpleName() + " takes " + variables.length + " type arguments");
        }
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        for (int i = 0; i < variables.length; i++) {
            bindings.put(variables[i], model.typeArguments().get(i));
        }
        return bindings;
    }

    /** UserResponse -> "UserResponse"; Page&lt;UserResponse&gt; -> "PageOfUserResponse". */
    private static String componentName(Class<?> type, Map<TypeVariable<?>, Type> bindings) {
        StringBuilder name = new StringBuilder(type.getSimpleName());
        String joiner = "Of";
        for (TypeVariable<?> variable : type.getTypeParameters()) {
            name.append(joiner).append(((Class<?>) bindings.get(variable)).getSimpleName());
            joiner = "And";
        }
        return name.toString();
    }

    /** How Jackson writes an enum constant: its @JsonValue method's answer if it has one (Role: "user"), else its name. */
    private static String jsonName(Enum<?> constant) {
        for (java.lang.reflect.Method method : constant.getDeclaringClass().getMethods()) {
            if (method.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonValue.class) && method.getParameterCount() == 0) {
                try {
                    return String.valueOf(method.invoke(constant));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read the JSON value of " + constant, e);
                }
            }
        }
        return constant.name();
    }
}
