package org.syncscope.statuspage.internal;

import java.io.IOException;

/** One open event stream, as {@link SnapshotPush} writes to it: never blocking. */
interface EventClient {

    /** Whether the previous event has gone out, so that the next may be written without waiting. */
    boolean ready();

    /** Writes one event; it goes out in the background. */
    void send(byte[] event) throws IOException;

    /** Ends the stream (the browser may connect again). */
    void close();
}
