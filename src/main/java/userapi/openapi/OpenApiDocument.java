package userapi.openapi;

import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import userapi.http.ErrorTable;
import userapi.http.Problem;
import userapi.http.Router;
import userapi.openapi.ApiDescription.Answer;
import userapi.openapi.ApiDescription.Model;
import userapi.openapi.ApiDescription.Operation;
import userapi.openapi.ModelSchemas.Direction;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the OpenAPI 3.1 document once, at start, from the code: paths and methods from the Router's own route
 * table, schemas from the model records and their constraints (ModelSchemas), each operation's words and error
 * codes from ApiDescription, statuses and titles of the errors from ErrorTable. Which routes need a bearer token
 * is asked of each route. Anything it cannot describe truly stops the build with a message naming the fix.
 */
public final class OpenApiDocument {
    static final String OPENAPI_VERSION = "3.1.1";
    private static final String REQUEST_ID = "#/components/headers/X-Request-Id";

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final ModelSchemas schemas;
    private final Map<String, Operation> descriptions;
    private final Map<String, ErrorTable.Entry> errors = ErrorCatalog.all();
    private final String version;

    OpenApiDocument(Validator validator, Map<String, Operation> descriptions, String version) {
        this.schemas = new ModelSchemas(validator);
        this.descriptions = descriptions;
        this.version = version;
    }

    /** The document of these routes as UTF-8 JSON bytes, described by ApiDescription, versioned by the build. */
    public static byte[] build(List<Router.Route> routes,
                               Validator validator, JsonMapper mapper) {
        return mapper.writeValueAsBytes(new OpenApiDocument(validator, ApiDescription.OPERATIONS, BuildInfo.version())
                .document(routes));
    }

    ObjectNode document(List<Router.Route> routes) {
        checkEveryRouteIsDescribed(routes);
        ObjectNode document = json.objectNode().put("openapi", OPENAPI_VERSION);
        document.putObject("info")
                .put("title", "userapi")
                .put("version", version)
                .put("description", """
                        A user API in plain Java. This document is generated when the server starts, from the \
                        Router's route table, the model records and their Bean Validation constraints, and \
                        openapi/ApiDescription. Every error is application/problem+json (RFC 9457) with a code; \
                        a path that does not exist answers 404 NOT_FOUND, a method it does not have 405 \
                        METHOD_NOT_ALLOWED with Allow. HEAD works wherever GET does, OPTIONS answers 204 with \
                        Allow, and every answer carries X-Request-Id.""");
        document.putArray("servers").addObject().put("url", "/").put("description", "The server that serves this document");
        ObjectNode paths = document.putObject("paths");
        for (Router.Route route : routes) {
            ObjectNode item = paths.has(route.template()) ? (ObjectNode) paths.get(route.template()) : paths.putObject(route.template());
            item.set(route.method().toLowerCase(Locale.ROOT), operation(route, route.requiresAuthentication()));
        }
        schemas.reference(new Model(Problem.class, List.of()), Direction.RESPONSE);
        ObjectNode components = document.putObject("components");
        ObjectNode schemaNodes = components.putObject("schemas");
        schemas.components().forEach(schemaNodes::set);
        components.putObject("headers").putObject("X-Request-Id")
                .put("description", "The request's id: the one sent, if it is 1-64 of [A-Za-z0-9._-], else a new one; also in the logs")
                .putObject("schema").put("type", "string");
        components.putObject("securitySchemes").putObject("bearer")
                .put("type", "http").put("scheme", "bearer")
                .put("description", "The token that signing in answers, sent as Authorization: Bearer <token>");
        return document;
    }

    private void checkEveryRouteIsDescribed(List<Router.Route> routes) {
        Set<String> routed = new LinkedHashSet<>();
        for (Router.Route route : routes) {
            String key = key(route);
            routed.add(key);
            if (!descriptions.containsKey(key)) {
                throw new IllegalStateException("the route " + key + " has no description: add its row to openapi/ApiDescription");
            }
        }
        for (String described : descriptions.keySet()) {
            if (!routed.contains(described)) {
                throw new IllegalStateException("openapi/ApiDescription describes " + described + ", which no route serves");
            }
        }
        Set<String> ids = new HashSet<>();
        for (Operation operation : descriptions.values()) {
            if (!ids.add(operation.operationId())) {
                throw new IllegalStateException("two operations are called " + operation.operationId());
            }
        }
    }

    static String key(Router.Route route) {
        return route.method() + " " + route.template();
    }

    private ObjectNode operation(Router.Route route, boolean needsToken) {
        Operation description = descriptions.get(key(route));
        ObjectNode operation = json.objectNode();
        operation.putArray("tags").add(description.tag());
        operation.put("summary", description.summary());
        operation.put("operationId", description.operationId());
        ArrayNode parameters = parameters(route, description);
        if (!parameters.isEmpty()) {
            operation.set("parameters", parameters);
        }
        if (description.body() != null) {
            ObjectNode body = operation.putObject("requestBody").put("required", true);
            body.putObject("content").putObject("application/json")
                    .set("schema", schemas.reference(new Model(description.body(), List.of()), Direction.REQUEST));
        }
        Map<Integer, ObjectNode> byStatus = new TreeMap<>();
        for (Answer answer : description.answers()) {
            byStatus.put(answer.status(), success(answer));
        }
        errorResponses(route, description).forEach((status, entries) -> {
            if (byStatus.putIfAbsent(status, error(entries)) != null) {
                throw new IllegalStateException(key(route) + " answers " + status + " both as a success and as an error");
            }
        });
        ObjectNode responses = operation.putObject("responses");
        byStatus.forEach((status, response) -> responses.set(Integer.toString(status), response));
        if (needsToken) {
            operation.putArray("security").addObject().putArray("bearer");
        }
        return operation;
    }

    private ArrayNode parameters(Router.Route route, Operation description) {
        ArrayNode parameters = json.arrayNode();
        for (String segment : route.template().split("/")) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                Class<?> type = ApiDescription.PATH_PARAMETERS.get(name);
                if (type == null) {
                    throw new IllegalStateException("the path parameter {" + name + "} of " + key(route)
                            + " has no type: add it to ApiDescription.PATH_PARAMETERS");
                }
                parameters.addObject().put("name", name).put("in", "path").put("required", true)
                        .set("schema", schemas.value(type));
            }
        }
        Class<? extends Record> query = description.query();
        if (query != null) {
            for (RecordComponent component : query.getRecordComponents()) {
                parameters.addObject().put("name", component.getName()).put("in", "query")
                        .put("required", schemas.required(query, component, Direction.REQUEST))
                        .set("schema", schemas.property(query, component, Direction.REQUEST));
            }
        }
        return parameters;
    }

    private ObjectNode success(Answer answer) {
        ObjectNode response = json.objectNode().put("description", reason(answer.status()));
        ObjectNode headers = response.putObject("headers");
        headers.putObject("X-Request-Id").put("$ref", REQUEST_ID);
        answer.headers().forEach((name, text) -> headers.putObject(name).put("description", text)
                .putObject("schema").put("type", "string"));
        if (answer.model() != null) {
            response.putObject("content").putObject("application/json")
                    .set("schema", schemas.reference(answer.model(), Direction.RESPONSE));
        } else if (!answer.mediaTypes().isEmpty()) {
            ObjectNode content = response.putObject("content");
            for (String mediaType : answer.mediaTypes()) {
                content.putObject(mediaType).putObject("schema")
                        .put("type", mediaType.equals("application/json") ? "object" : "string");
            }
        }
        return response;
    }

    /** The operation's error codes and those of every operation, grouped by status, in the order of statuses. */
    private Map<Integer, List<ErrorTable.Entry>> errorResponses(Router.Route route, Operation description) {
        Map<Integer, List<ErrorTable.Entry>> byStatus = new TreeMap<>();
        Set<String> codes = new LinkedHashSet<>(description.errors());
        codes.addAll(ApiDescription.EVERY_OPERATION);
        for (String code : codes) {
            ErrorTable.Entry entry = errors.get(code);
            if (entry == null) {
                throw new IllegalStateException(key(route) + " names the error code " + code
                        + ", which http/ErrorTable never answers");
            }
            byStatus.computeIfAbsent(entry.status(), status -> new ArrayList<>()).add(entry);
        }
        return byStatus;
    }

    private ObjectNode error(List<ErrorTable.Entry> entries) {
        List<String> lines = new ArrayList<>();
        for (ErrorTable.Entry entry : entries) {
            lines.add(entry.code() + ": " + entry.title());
        }
        ObjectNode response = json.objectNode().put("description", String.join("; ", lines));
        ObjectNode headers = response.putObject("headers");
        headers.putObject("X-Request-Id").put("$ref", REQUEST_ID);
        int retryAfter = entries.stream().mapToInt(ErrorTable.Entry::retryAfterSeconds).max().orElse(0);
        if (retryAfter > 0) {
            headers.putObject("Retry-After").put("description", "Seconds to wait before trying again")
                    .putObject("schema").put("type", "integer");
        }
        ObjectNode schema = response.putObject("content").putObject(Problem.MEDIA_TYPE).putObject("schema");
        ArrayNode allOf = schema.putArray("allOf");
        allOf.add(schemas.reference(new Model(Problem.class, List.of()), Direction.RESPONSE));
        ObjectNode narrowed = allOf.addObject().putObject("properties");
        narrowed.putObject("status").put("const", entries.getFirst().status());
        ArrayNode codes = narrowed.putObject("code").putArray("enum");
        entries.forEach(entry -> codes.add(entry.code()));
        return response;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }
}
