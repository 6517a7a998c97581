package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.timestamp.internal.TimestampEngine;

/**
 * A soft slave's periodic sync (drvTS TSasyncClient): asks the configured masters in order and
 * hands the first good answer's offset to the engine, which slews it away by the next sync. A
 * master that says it is out of sync is skipped.
 */
public final class SlaveSync {

    private static final Logger LOG = LoggerFactory.getLogger(SlaveSync.class);

    private final TimestampEngine engine;
    private final List<InetSocketAddress> masters;
    private final MasterClient client;
    private final long retryNanos;
    private final InetSocketAddress broadcast;
    private long nextTryMono = Long.MIN_VALUE / 2;
    private InetSocketAddress discovered;

    /**
     * @param masters    the masters to ask; empty: find one by broadcasting to {@code broadcast}
     * @param retryNanos after no master answered, how long to wait before asking again (drvTS: two
     *                   minutes); meanwhile the clock runs on NTP if it has it
     */
    public SlaveSync(TimestampEngine engine, List<InetSocketAddress> masters, MasterClient client, long retryNanos,
                     InetSocketAddress broadcast) {
        this.engine = engine;
        this.masters = List.copyOf(masters);
        this.client = client;
        this.retryNanos = retryNanos;
        this.broadcast = broadcast;
    }

    public SlaveSync(TimestampEngine engine, List<InetSocketAddress> masters, MasterClient client, long retryNanos) {
        this(engine, masters, client, retryNanos, null);
    }

    /** The master found by broadcast, if any. */
    public InetSocketAddress discoveredMaster() {
        return discovered;
    }

    /** One sync round; returns whether a master answered usefully. */
    public boolean syncOnce() {
        long now = System.nanoTime();
        if (now < nextTryMono) {
            return false;
        }
        if (masters.isEmpty() && broadcast != null && discovered == null) {
            try {
                MasterClient.Discovery d = client.discover(broadcast);
                if (!d.exchange().reply().outOfSync()) {
                    discovered = d.master();
                    LOG.info("found master {} by broadcast to {}", discovered, broadcast);
                    engine.adjustToMaster(d.exchange().offsetNanos(), d.exchange().roundTripNanos(),
                            discovered.getHostString() + ":" + discovered.getPort());
                    return true;
                }
            } catch (IOException e) {
                LOG.debug("no master answered a broadcast to {}: {}", broadcast, e.toString());
            }
            nextTryMono = now + retryNanos;
            return false;
        }
        List<InetSocketAddress> toAsk = discovered != null ? List.of(discovered) : masters;
        for (InetSocketAddress master : toAsk) {
            try {
                MasterClient.Exchange e = client.query(master);
                if (e.reply().outOfSync()) {
                    LOG.info("master {} reports it is out of sync; not following it", master);
                    continue;
                }
                engine.adjustToMaster(e.offsetNanos(), e.roundTripNanos(), master.getHostString() + ":" + master.getPort());
                return true;
            } catch (IOException | MalformedPacketException e) {
                LOG.debug("master {} did not answer: {}", master, e.toString());
            }
        }
        discovered = null;   // a discovered master that went silent is looked for again
        nextTryMono = now + retryNanos;
        LOG.info("no master answered; asking again in {} s", retryNanos / 1_000_000_000L);
        return false;
    }

    /** What the first answering master says now, without adjusting anything (ts:master-time). */
    public MasterClient.Exchange ask() throws IOException, MalformedPacketException {
        IOException last = new IOException("no master configured");
        for (InetSocketAddress master : masters) {
            try {
                return client.query(master);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }
}
