package userapi.cache;

import java.util.OptionalLong;

/**
 * Tells whether anyone has committed to the store since an earlier look: the read cache's only source of truth
 * about freshness, so no cached entry is ever trusted for a time, only for as long as nothing has changed.
 */
public interface ChangeWatch extends AutoCloseable {

    /**
     * A stamp of the store's state as of this call (the look happens after the call begins): two looks give the
     * same stamp only if nobody committed in between; a later look never gives an earlier stamp's value again.
     * Empty when it cannot be told right now: the caller then trusts nothing it has cached.
     */
    OptionalLong stamp();

    @Override
    void close();
}
