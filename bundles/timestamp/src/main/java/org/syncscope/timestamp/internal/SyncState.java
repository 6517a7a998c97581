package org.syncscope.timestamp.internal;

import org.syncscope.api.eventsystem.EventSystemDriver;

/**
 * What the clock knows about the event system, as one immutable value: readers take it from a
 * volatile field and need no lock; writers replace it under the engine's lock.
 *
 * @param driver        the event system, or null
 * @param driverName    how reports name it
 * @param clockRateHz   the driver's tick rate (read once when it is taken), the drvTS default without one
 * @param tickCounter   the driver's tick counter can be read (read once when it is taken); without one
 *                      the time between syncs runs on the host's monotonic clock from the last sync
 * @param capable       the driver is in use (receiver present, not forceSoft)
 * @param modeReason    why this mode
 * @param synced        the driver has delivered a sync event: before it its ticks mean nothing
 * @param syncTime      time of the last sync event
 * @param syncMono      monotonic time of the last sync event (or of taking the driver)
 * @param failed        hardware failure: soft time until the next sync event
 * @param failureReason what failed
 */
record SyncState(EventSystemDriver driver, String driverName, int clockRateHz, boolean tickCounter, boolean capable, String modeReason, boolean synced,
                 long syncTime, long syncMono, boolean failed, String failureReason) {

    /** Event time is in use (synchronous mode). */
    boolean synchronous() {
        return capable && !failed;
    }

    /**
     * Times come from the event system (its tick counter, or without one the host's monotonic
     * clock since its last sync): synchronous and synced on this driver.
     */
    boolean ticking() {
        return synchronous() && synced;
    }

    SyncState synced(long time, long mono) {
        return new SyncState(driver, driverName, clockRateHz, tickCounter, capable, modeReason, true, time, mono, false, "");
    }

    SyncState failed(String reason) {
        return new SyncState(driver, driverName, clockRateHz, tickCounter, capable, modeReason, synced, syncTime, syncMono, true, reason);
    }

    SyncState syncTime(long time) {
        return new SyncState(driver, driverName, clockRateHz, tickCounter, capable, modeReason, synced, time, syncMono, failed, failureReason);
    }
}
