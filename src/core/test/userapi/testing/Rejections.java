package userapi.testing;

import org.junit.jupiter.api.function.Executable;
import userapi.exception.RejectedRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Test support: asserts that code rejects a request for one particular protocol reason. */
public final class Rejections {
    private Rejections() {
    }

    public static RejectedRequest assertRejected(RejectedRequest.Reason reason, Executable code) {
        RejectedRequest rejected = assertThrows(RejectedRequest.class, code);
        assertEquals(reason, rejected.reason(), rejected.getMessage());
        return rejected;
    }
}
