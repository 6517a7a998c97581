package org.syncscope.ca.internal;

import com.cosylab.epics.caj.CAJContext;
import com.cosylab.epics.caj.util.Timer;
import gov.aps.jca.CAException;
import gov.aps.jca.configuration.Configuration;
import gov.aps.jca.configuration.ConfigurationException;
import gov.aps.jca.event.EventDispatcher;
import java.util.logging.Logger;
import org.syncscope.caj.support.ClosingTimer;

/**
 * CAJ's client context on a {@link ClosingTimer}, shut down however its destroy ends (CAJ shuts
 * its timer down before it closes the connections, whose echo timers may reschedule meanwhile),
 * and on the event dispatcher it is given. CAJ would make its dispatcher itself from a class name
 * (Class.forName from CAJ's bundle, which cannot see ours), so the given one is set into CAJ's
 * field instead, kept there past {@link #configure}, and disposed however the destroy ends.
 */
final class ClosingClientContext extends CAJContext {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClosingClientContext.class);
    private static final long SEARCH_END_MILLIS = 2_000;

    private final ClosingTimer closingTimer = new ClosingTimer();
    private final EventDispatcher dispatcher;

    /** @param dispatcher delivers this context's callbacks; disposed by {@link #destroy()} */
    ClosingClientContext(EventDispatcher dispatcher) {
        super();   // CAJ's own dispatcher: a DirectEventDispatcher unless JCA properties name another
        this.dispatcher = dispatcher;
        install();
    }

    /** Keeps our dispatcher: an {@code event_dispatcher} child would make CAJ replace it. */
    @Override
    public void configure(Configuration configuration) throws ConfigurationException {
        super.configure(configuration);
        install();
    }

    private void install() {
        EventDispatcher made = eventDispatcher;
        eventDispatcher = dispatcher;
        if (made != null && made != dispatcher) {
            made.dispose();   // may run a thread of its own (QueuedEventDispatcher does)
        }
    }

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
            dispatcher.dispose();   // CAJ's destroy disposes it last, if nothing before threw
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
