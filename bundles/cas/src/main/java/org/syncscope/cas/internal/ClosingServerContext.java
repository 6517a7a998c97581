package org.syncscope.cas.internal;

import com.cosylab.epics.caj.cas.CAJServerContext;
import com.cosylab.epics.caj.util.Timer;
import gov.aps.jca.CAException;
import gov.aps.jca.cas.Server;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.cas.internal.guard.CajUdpGuard;
import org.syncscope.cas.internal.guard.GuardedDatagramHandler;
import org.syncscope.cas.internal.guard.MalformedInput;

/**
 * CAJ's server context on a {@link ClosingTimer}, shut down however its destroy ends (it is shut
 * down again after CAJ's destroy: the beacon emitter may have rescheduled itself meanwhile); its
 * UDP port is served through a {@link GuardedDatagramHandler}, which refuses malformed datagrams
 * before CAJ sees them.
 */
final class ClosingServerContext extends CAJServerContext {

    private final ClosingTimer closingTimer = new ClosingTimer();
    private final MalformedInput refusals;

    ClosingServerContext() {
        this(new MalformedInput());
    }

    /** @param refusals where refused UDP datagrams are counted and logged */
    ClosingServerContext(MalformedInput refusals) {
        this.refusals = refusals;
    }

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
        guardUdp();
    }

    /** Puts the guard on the UDP socket; without it (another CAJ, say) CAJ's own handler stays, said in a WARN. */
    private void guardUdp() {
        try {
            if (!CajUdpGuard.install(this, refusals)) {
                LoggerFactory.getLogger(ClosingServerContext.class).warn(
                        "Channel Access server: no UDP transport to guard");
            }
        } catch (Exception e) {
            LoggerFactory.getLogger(ClosingServerContext.class).warn(
                    "Channel Access server: malformed UDP datagrams are not filtered, the guard failed: {}", e.toString());
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
