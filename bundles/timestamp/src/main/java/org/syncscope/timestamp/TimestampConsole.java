package org.syncscope.timestamp;

import java.io.IOException;
import org.syncscope.api.eventsystem.EventSystemException;

/** The timestamp driver as its console ({@code ts:*}) sees it; the driver registers it beside its TimestampService. */
public interface TimestampConsole {

    /** TSreport: problems first, then configuration, mode, state, last sync and the event table. */
    String report();

    /**
     * TSdriverDebug until restart: 0 quiet, 1 log syncs, 2 log every event.
     *
     * @throws IllegalArgumentException for a negative level
     */
    void setDebug(int level);

    /**
     * The user tag event {@code event} last came with (a pulse or cycle ID the receiver gave it),
     * 0 when it came without one or has not occurred.
     *
     * @throws IllegalArgumentException for an event outside 0..255
     * @since 1.1
     */
    long userTag(int event);

    /** ErForceSync: asks the event generator for a sync event now. */
    void forceSync() throws EventSystemException;

    /**
     * What the first answering master says now; adjusts nothing.
     *
     * @throws IllegalStateException this server is not a slave (the message says so)
     * @throws IOException           no master answered, or its answer was not a time reply
     */
    MasterReading askMaster() throws IOException;

    /**
     * What the first answering NTP server says now; adjusts nothing.
     *
     * @throws IllegalStateException no NTP server is configured (the message says so)
     * @throws IOException           no server answered, or its answer was not an NTP reply
     */
    NtpReading askNtp() throws IOException;
}
