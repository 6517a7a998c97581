package org.syncscope.api.eventsystem;

import org.syncscope.api.Registration;

/**
 * A timing event system (event receiver, and for a master also a generator), as the timestamp
 * service needs it: the drvTS {@code Er*} hooks as one interface. Registered with the service
 * property {@value #DRIVER} (e.g. {@code driver=sim}); the timestamp service picks one with its
 * {@code eventSystem.target} filter. Implementations are thread safe.
 */
public interface EventSystemDriver {

    /** Service property naming the driver, e.g. {@code sim}. */
    String DRIVER = "driver";

    /** drvTS's default tick rate, Hz, which {@link #clockRateHz()} reports unless a driver overrides it. */
    int DEFAULT_CLOCK_RATE_HZ = 1000;

    /** {@code ErDriverInit}: prepares the hardware; called once before any other call but the queries. */
    void init() throws EventSystemException;

    /** {@code ErHaveReceiver}: whether an event receiver is present and working. */
    boolean hasReceiver();

    /** How many event numbers the hardware can deliver (at most 256: events 0..n−1). */
    int numberOfEvents();

    /** {@code ErSyncEvent}: the event number that resets the tick counter (e.g. 0x7D on MRF hardware). */
    int syncEventNumber();

    /** {@code ErGetTicks}: ticks counted since the last sync event, at {@link #clockRateHz()}. */
    long ticksSinceReset() throws EventSystemException;

    /**
     * The rate of the tick counter, Hz (at least 1): the timestamp service turns the ticks of
     * {@link #ticksSinceReset()} and of each event into time with it, so it is set in one place,
     * the driver's. Constant for a driver object (a driver whose rate changes registers anew). The
     * default is {@value #DEFAULT_CLOCK_RATE_HZ} Hz, the drvTS default; a driver with another rate
     * must override it.
     *
     * @since 1.1
     */
    default int clockRateHz() {
        return DEFAULT_CLOCK_RATE_HZ;
    }

    /**
     * Whether {@link #ticksSinceReset()} can be read. A driver that sees its event receiver only
     * through the receiver's IOC (mrfioc2's PVs) has no tick counter to read: it delivers each
     * event with ticks of 1 ns since the sync event's hardware time (its {@link #clockRateHz()} is
     * 1e9) and {@link #ticksSinceReset()} throws. The timestamp service then runs the current time
     * between sync events on the host's monotonic clock from the last sync's hardware time, and
     * judges the hardware by its sync events and reported errors alone.
     *
     * @since 1.2
     */
    default boolean hasTickCounter() {
        return true;
    }

    /**
     * Which receiver this is and how it is, in one line for {@code ts:report} and the status PVs:
     * e.g. {@code mrf EVR1 (IOC prefix TST{EVR:1}, pva): link OK, PLL OK, timestamps valid, 2 events
     * missed}. This default: empty (the driver's name is all there is to say).
     *
     * @since 1.2
     */
    default String describe() {
        return "";
    }

    /** {@code ErRegisterEventHandler}: delivers every event from now on; close to stop. */
    Registration registerEventHandler(EventHandler handler);

    /** {@code ErRegisterErrorHandler}: delivers every error from now on; close to stop. */
    Registration registerErrorHandler(ErrorHandler handler);

    /** {@code ErForceSync}: makes the generator send a sync event now (masters only). */
    void forceSync() throws EventSystemException;

    /** {@code ErDirectTime}: whether the hardware knows absolute time (e.g. a GPS-fed receiver). */
    boolean hasDirectTime();

    /**
     * {@code ErGetTime}: the hardware's absolute time, ns since the Unix epoch.
     *
     * @throws EventSystemException if {@link #hasDirectTime()} is false or the time is not valid yet
     */
    long directTimeNanos() throws EventSystemException;
}
