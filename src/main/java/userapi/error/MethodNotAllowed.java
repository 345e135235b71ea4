package userapi.error;

import java.util.List;

/** The path exists but not for this method; {@link #allowed()} becomes the Allow header. */
public final class MethodNotAllowed extends AppException {
    private final List<String> allowed;

    public MethodNotAllowed(List<String> allowed) {
        super("This method is not allowed here. Allowed: " + String.join(", ", allowed) + ".");
        this.allowed = List.copyOf(allowed);
    }

    public List<String> allowed() {
        return allowed;
    }
}
