package userapi.error;

/** No route matches the request's path, whatever the method. */
public final class RouteNotFound extends AppException {
    public RouteNotFound() {
        super("No resource matches this path.");
    }
}
