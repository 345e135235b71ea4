package userapi.http;

/**
 * The edge's hook for whatever watches requests go by (metrics, say): told of every request once it is answered.
 * The edge calls it; what it does with the numbers is its own business.
 */
@FunctionalInterface
public interface RequestObserver {
    RequestObserver NONE = (method, rawPath, status, nanos) -> {
    };

    /**
     * @param rawPath the request's path as sent; an observer that counts by route asks the Router for its template
     * @param status the status sent, or -1 if none was
     */
    void answered(String method, String rawPath, int status, long nanos);
}
