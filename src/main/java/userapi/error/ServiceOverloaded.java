package userapi.error;

/** Too much expensive work (password hashing) is already running: the client should retry shortly. */
public final class ServiceOverloaded extends AppException {
    public ServiceOverloaded() {
        super("The server is busy hashing other passwords. Retry in a moment.");
    }
}
