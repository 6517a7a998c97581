package org.syncscope.ca.internal;

import com.cosylab.epics.caj.CAJContext;
import com.cosylab.epics.caj.util.Timer;
import gov.aps.jca.CAException;
import java.util.logging.Logger;
import org.syncscope.caj.support.ClosingTimer;

/**
 * CAJ's client context on a {@link ClosingTimer}, shut down however its destroy ends (CAJ shuts
 * its timer down before it closes the connections, whose echo timers may reschedule meanwhile).
 */
final class ClosingClientContext extends CAJContext {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClosingClientContext.class);
    private static final long SEARCH_END_MILLIS = 2_000;

    private final ClosingTimer closingTimer = new ClosingTimer();

    /** CAJ names its logger after the class: keep CAJ's name, which etc/org.ops4j.pax.logging.cfg filters. */
    @Override
    protected void initializeLogger() {
        logger = Logger.getLogger(CAJContext.class.getName());
    }

    @Override
    public Timer getTimer() {
        return closingTimer;
    }

    @Override
    public synchronized void initialize() throws CAException {
        try {
            super.initialize();
        } finally {
            timer = closingTimer;   // CAJ's destroy shuts down this field's timer, made by its initialize
        }
    }

    @Override
    public synchronized void destroy() throws CAException {
        Thread searching = SearchThread.of(this);
        try {
            super.destroy();
        } finally {
            closingTimer.shutDown();
            endSearch(searching);
            endSearch(SearchThread.of(this));   // one a channel's search started during the destroy
        }
    }

    private static void endSearch(Thread searching) {
        try {
            if (!SearchThread.end(searching, SEARCH_END_MILLIS)) {
                LOG.warn("CAJ's search thread {} did not end within {} ms of the destroy", searching.getName(), SEARCH_END_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After {@link #destroy()}: waits at most {@code millis} for the timer's thread to end; true if it did. */
    boolean awaitTimerEnd(long millis) throws InterruptedException {
        return closingTimer.awaitEnd(millis);
    }
}
