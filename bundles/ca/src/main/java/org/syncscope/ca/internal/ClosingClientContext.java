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
        try {
            super.destroy();
        } finally {
            closingTimer.shutDown();
        }
    }

    /** After {@link #destroy()}: waits at most {@code millis} for the timer's thread to end; true if it did. */
    boolean awaitTimerEnd(long millis) throws InterruptedException {
        return closingTimer.awaitEnd(millis);
    }
}
