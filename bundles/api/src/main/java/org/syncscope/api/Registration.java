package org.syncscope.api;

/**
 * A handle on something registered with a service (a listener, a handler); closing it
 * unregisters. Closing is idempotent, never throws and may be called from any thread.
 */
@FunctionalInterface
public interface Registration extends AutoCloseable {

    /** Unregisters; after it returns no further callbacks start. Safe to call more than once. */
    @Override
    void close();
}
