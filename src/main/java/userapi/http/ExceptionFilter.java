package userapi.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import userapi.error.AppException;
import userapi.error.MethodNotAllowed;
import userapi.error.StorageUnavailable;
import userapi.error.ValidationFailed;
import userapi.logging.LogContext;
import userapi.logging.LogText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The global exception handler (FastAPI's exception_handler): every failure below it becomes one problem+json
 * answer. Expected errors go at INFO, without a trace, into the request's access line; anything else is logged
 * here at SEVERE with the stack trace, and
 * the client sees only a generic 500 with the request id. If even that cannot be built, a fixed 500 goes out.
 * An unavailable database is a 503 with Retry-After, logged at SEVERE with the database's own error as the trace.
 */
public final class ExceptionFilter extends Filter {
    private static final Logger LOG = Logger.getLogger(ExceptionFilter.class.getName());
    private static final String GENERIC_DETAIL = "An unexpected error occurred. Quote the request id if you report it.";

    private final JsonBodyWriter writer;

    public ExceptionFilter(JsonBodyWriter writer) {
        this.writer = writer;
    }

    @Override
    public String description() {
        return "Turns every failure into an application/problem+json response";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) {
        try {
            chain.doFilter(exchange);
        } catch (Throwable failure) {
            handle(exchange, failure);
        }
    }

    private void handle(HttpExchange exchange, Throwable failure) {
        ErrorTable.Entry entry = ErrorTable.lookup(failure);
        if (entry.expected()) {
            LogContext.setOutcome(entry.code() + ": " + failure.getMessage()); // logged at INFO in the access line
        } else if (failure instanceof StorageUnavailable) {
            LOG.log(Level.SEVERE, "storage unavailable while handling " + LogText.truncate(exchange.getRequestMethod())
                    + " " + LogText.truncate(exchange.getRequestURI().getRawPath()), failure.getCause());
        } else if (failure instanceof IOException && exchange.getResponseCode() != -1) {
            LOG.log(Level.FINE, "client went away while the response was written", failure);
            exchange.close();
            return;
        } else {
            LOG.log(Level.SEVERE, "unexpected error while handling " + LogText.truncate(exchange.getRequestMethod()) + " "
                    + LogText.truncate(exchange.getRequestURI().getRawPath()), failure);
        }
        if (exchange.getResponseCode() != -1) {
            exchange.close(); // the status line has gone out already; all we can do is end the exchange
            return;
        }
        try {
            writer.write(exchange, entry.status(), headers(entry, failure), problem(exchange, entry, failure));
        } catch (Throwable writeFailure) {
            LOG.log(Level.SEVERE, "could not write the error response", writeFailure);
            lastResort(exchange);
        }
    }

    static Problem problem(HttpExchange exchange, ErrorTable.Entry entry, Throwable failure) {
        String detail = failure instanceof AppException ? failure.getMessage() : GENERIC_DETAIL;
        return new Problem(entry.type(), entry.title(), entry.status(), detail, exchange.getRequestURI().getRawPath(),
                entry.code(), RequestContextFilter.requestId(exchange),
                failure instanceof ValidationFailed invalid ? invalid.errors() : null);
    }

    private static Map<String, String> headers(ErrorTable.Entry entry, Throwable failure) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", Problem.MEDIA_TYPE);
        if (failure instanceof MethodNotAllowed notAllowed) {
            headers.put("Allow", String.join(", ", notAllowed.allowed()));
        }
        if (entry.retryAfterSeconds() > 0) {
            headers.put("Retry-After", Integer.toString(entry.retryAfterSeconds()));
        }
        if (entry.closesConnection()) {
            headers.put("Connection", "close");
        }
        return headers;
    }

    /** Built by hand, without Jackson, because writing the real problem has just failed. */
    private static void lastResort(HttpExchange exchange) {
        ErrorTable.Entry entry = ErrorTable.INTERNAL_ERROR;
        byte[] body = ("{\"type\":\"" + entry.type() + "\",\"title\":\"" + entry.title() + "\",\"status\":"
                + entry.status() + ",\"code\":\"" + entry.code() + "\"}").getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            if (exchange.getResponseCode() == -1) {
                exchange.getResponseHeaders().set("Content-Type", Problem.MEDIA_TYPE);
                exchange.sendResponseHeaders(entry.status(), body.length);
                exchange.getResponseBody().write(body);
            }
        } catch (IOException | RuntimeException ignored) {
            LOG.log(Level.FINE, "could not send the fixed 500 either", ignored);
        }
    }
}
