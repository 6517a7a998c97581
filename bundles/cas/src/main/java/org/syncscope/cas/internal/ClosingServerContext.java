package org.syncscope.cas.internal;

import com.cosylab.epics.caj.cas.CAJServerContext;
import com.cosylab.epics.caj.util.Timer;
import gov.aps.jca.CAException;
import gov.aps.jca.cas.Server;
import java.util.logging.Logger;

/**
 * CAJ's server context on a {@link ClosingTimer}, shut down however its destroy ends (it is shut
 * down again after CAJ's destroy: the beacon emitter may have rescheduled itself meanwhile).
 */
final class ClosingServerContext extends CAJServerContext {

    private final ClosingTimer closingTimer = new ClosingTimer();

    /** CAJ names its logger after the class: keep CAJ's name, which etc/org.ops4j.pax.logging.cfg filters. */
    @Override
    protected void initializeLogger() {
        logger = Logger.getLogger(CAJServerContext.class.getName());
    }

    @Override
    public Timer getTimer() {
        return closingTimer;
    }

    @Override
    public synchronized void initialize(Server server) throws CAException {
        try {
            super.initialize(server);
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
