package userapi.audit;

import java.util.function.Supplier;

/**
 * A change and the audit row that records it, as one: everything the work writes to the store is committed together
 * or not at all (a failure of any write, the audit row's included, or an exception of the work's own, rolls all of
 * it back). A unit inside a unit joins it. The SQL stores implement it with a transaction bound to the thread
 * (jdbc/Database#inUnitOfWork); in memory there is nothing to roll back, and {@link #DIRECT} just runs the work.
 */
@FunctionalInterface
public interface UnitOfWork {
    /** No transaction: the work runs as it is (the in-memory stores, and tests not about atomicity). */
    UnitOfWork DIRECT = Supplier::get;

    <T> T inOne(Supplier<T> work);
}
