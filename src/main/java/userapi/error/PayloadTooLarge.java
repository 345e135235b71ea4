package userapi.error;

/** The body is larger than the server accepts; the excess was never read into memory. */
public final class PayloadTooLarge extends AppException {
    public PayloadTooLarge(int limitBytes) {
        super("The request body is larger than " + limitBytes + " bytes.");
    }
}
