package userapi.error;

/** Expected, 503 SERVICE_OVERLOADED with Retry-After: 1, INFO: too many password hashes already running. */
public final class ServiceOverloaded extends DomainException {
    public ServiceOverloaded() {
        super("The server is busy hashing other passwords. Retry in a moment.");
    }
}
