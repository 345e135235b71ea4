package userapi.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL that TEST_DATABASE_URL names (.ci/run sets it). As a JUnit condition it skips each test, one by
 * one so the count shows them, when the variable is unset; schemas it hands out are new, empty and dropped after.
 */
public final class TestDatabase implements ExecutionCondition {
    public static final String VARIABLE = "TEST_DATABASE_URL";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty() || url() != null) {
            return ConditionEvaluationResult.enabled(VARIABLE + " is set, or this is not a test method");
        }
        return ConditionEvaluationResult.disabled(VARIABLE + " is not set: no PostgreSQL to test against");
    }

    public static String url() {
        String url = System.getenv(VARIABLE);
        return url == null || url.isBlank() ? null : url.strip();
    }

    /** A new, empty schema; its URL makes it the connection's current schema. Drop it with {@link #drop}. */
    public static Schema createSchema() throws SQLException {
        String name = "userapi_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE SCHEMA " + name);
        String base = url();
        return new Schema(name, base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name);
    }

    public record Schema(String name, String url) {
        public void drop() throws SQLException {
            execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }

        /** The same database and schema reached through 127.0.0.1:port (a TcpForwarder) instead. */
        public String urlThrough(int port) {
            return url.replaceFirst("^jdbc:postgresql://[^/]+/", "jdbc:postgresql://127.0.0.1:" + port + "/");
        }

        /** host and port of the server, from jdbc:postgresql://host:port/... (5432 if the URL names none). */
        public java.net.InetSocketAddress server() {
            java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
            return new java.net.InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
