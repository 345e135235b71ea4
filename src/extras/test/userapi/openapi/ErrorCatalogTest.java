package userapi.openapi;

import org.junit.jupiter.api.Test;
import userapi.exception.ErrorCode;
import userapi.exception.RejectedRequest;
import userapi.exception.ServerError;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog the document's error answers come from holds every row of every error-code enum of the app. */
class ErrorCatalogTest {

    /** Every enum implementing ErrorCode in the folder or jar a class of ours was loaded from. */
    private static Set<Class<?>> errorCodeEnumsBeside(Class<?> anchor) throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, anchor.getClassLoader());
                if (type.isEnum() && ErrorCode.class.isAssignableFrom(type)) {
                    found.add(type);
                }
            }
        }
        return Set.copyOf(found);
    }

    @Test
    void lists_every_enum_of_error_codes_in_the_core_and_the_extras() throws Exception {
        Set<Class<?>> enums = new java.util.HashSet<>(errorCodeEnumsBeside(ErrorCode.class));
        enums.addAll(errorCodeEnumsBeside(ErrorCatalog.class));

        assertEquals(enums, Set.copyOf(ErrorCatalog.TABLES), "a new enum of error codes belongs in ErrorCatalog.TABLES");
    }

    @Test
    void holds_every_row_once_under_its_own_name_with_its_status() {
        Map<String, ErrorCode> all = ErrorCatalog.all();
        int rows = ErrorCatalog.TABLES.stream().mapToInt(table -> table.getEnumConstants().length).sum();

        assertEquals(rows, all.size(), "two tables use one name");
        for (RejectedRequest.Reason reason : RejectedRequest.Reason.values()) {
            assertEquals(reason.status(), all.get(reason.name()).status(), reason.name());
        }
        assertEquals(ServerError.INTERNAL_ERROR, all.get("INTERNAL_ERROR"));
        assertEquals(ServerError.SERVICE_UNAVAILABLE, all.get("SERVICE_UNAVAILABLE"));
        assertEquals(404, all.get("USER_NOT_FOUND").status());
        assertEquals(403, all.get("FORBIDDEN").status());
    }

    @Test
    void every_code_any_operation_documents_is_in_the_catalog() {
        Map<String, ErrorCode> all = ErrorCatalog.all();
        for (ApiDescription.Operation operation : ApiDescription.OPERATIONS.values()) {
            for (ErrorCode code : operation.errors()) {
                assertEquals(code, all.get(code.name()), operation.operationId() + " documents " + code.name());
            }
        }
        for (ErrorCode code : ApiDescription.EVERY_OPERATION) {
            assertTrue(all.containsValue(code), code.name());
        }
    }
}
