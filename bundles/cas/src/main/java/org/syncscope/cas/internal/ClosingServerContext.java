package org.syncscope.cas.internal;

import com.cosylab.epics.caj.cas.CAJServerContext;
import com.cosylab.epics.caj.util.Timer;
import gov.aps.jca.CAException;
import gov.aps.jca.cas.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.caj.support.ClosingTimer;
import org.syncscope.cas.internal.guard.CajUdpGuard;
import org.syncscope.cas.internal.guard.GuardedAcceptor;
import org.syncscope.cas.internal.guard.GuardedDatagramHandler;
import org.syncscope.cas.internal.guard.MalformedInput;

/**
 * CAJ's server context on a {@link ClosingTimer}, shut down however its destroy ends (it is shut
 * down again after CAJ's destroy: the beacon emitter may have rescheduled itself meanwhile), and
 * serving TCP through our {@link GuardedAcceptor} instead of CAJ's acceptor, whose connections
 * allocate whatever size a message header claims; its UDP port is served through a
 * {@link GuardedDatagramHandler}, which refuses malformed datagrams before CAJ sees them.
 */
final class ClosingServerContext extends CAJServerContext {

    private final ClosingTimer closingTimer = new ClosingTimer();
    private final GuardedAcceptor guarded;
    private final MalformedInput refusals;

    /**
     * @param guarded  serves TCP
     * @param refusals where refused UDP datagrams are counted and logged
     */
    ClosingServerContext(GuardedAcceptor guarded, MalformedInput refusals) {
        this.guarded = guarded;
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

    /**
     * Binds our TCP port first, lets CAJ bind its UDP port and its own acceptor on a dynamic port,
     * then closes CAJ's acceptor at once and advertises ours (searches and beacons carry the
     * context's TCP port).
     */
    @Override
    public synchronized void initialize(Server server) throws CAException {
        int port;
        try {
            port = guarded.bind(getTcpServerPort());
        } catch (IOException e) {
            guarded.destroy();
            throw new CAException("cannot bind TCP port " + getTcpServerPort() + ": " + e, e);
        }
        setTcpServerPort(0);   // CAJ's acceptor: a dynamic port, closed right after
        try {
            super.initialize(server);
        } finally {
            timer = closingTimer;   // CAJ's destroy shuts down this field's timer, made by its initialize
        }
        guardUdp();
        if (acceptor != null) {
            acceptor.destroy();
            acceptor = null;
        }
        setTcpServerPort(port);
        try {
            guarded.start(this);
        } catch (Exception e) {
            throw new CAException("cannot serve TCP port " + port + ": " + e, e);
        }
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

    /** The TCP bind address, for search replies (CAJ asks its own acceptor, which is closed). */
    @Override
    public InetAddress getServerInetAddress() {
        return guarded.address();
    }

    GuardedAcceptor tcp() {
        return guarded;
    }

    @Override
    public synchronized void destroy() throws CAException {
        guarded.destroy();   // no connection accepted while CAJ closes them
        try {
            super.destroy();
        } finally {
            closingTimer.shutDown();
            guarded.closeAll();
        }
    }

    /** After {@link #destroy()}: waits at most {@code millis} for the timer's thread to end; true if it did. */
    boolean awaitTimerEnd(long millis) throws InterruptedException {
        return closingTimer.awaitEnd(millis);
    }
}
