package userapi.cache;

import java.util.OptionalLong;

/** Test fake: a change watch whose stamp the test sets, or that cannot tell (empty), counting its looks. */
final class SettableWatch implements ChangeWatch {
    private volatile OptionalLong stamp = OptionalLong.of(1);
    volatile int looks;
    volatile boolean closed;

    /** Someone committed: the next look gives a new stamp. */
    void commitElsewhere() {
        stamp = OptionalLong.of(stamp.orElse(0) + 1);
    }

    void breakDown() {
        stamp = OptionalLong.empty();
    }

    @Override
    public OptionalLong stamp() {
        looks++;
        return stamp;
    }

    @Override
    public void close() {
        closed = true;
    }
}
