package userapi.http;

/** A route's target: a plain function from a request to a response, testable without an HttpExchange. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request);
}
