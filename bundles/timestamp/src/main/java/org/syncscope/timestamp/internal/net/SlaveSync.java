package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.timestamp.internal.TimestampEngine;

/**
 * A soft slave's periodic sync (drvTS TSasyncClient): asks the configured masters in order,
 * {@code samplesPerSync} exchanges with the first that answers, and hands the one with the smallest
 * round trip ({@link ClockFilter}) to the engine's clock loop. A master that says it is out of sync
 * is skipped.
 */
public final class SlaveSync {

    private static final Logger LOG = LoggerFactory.getLogger(SlaveSync.class);

    private final TimestampEngine engine;
    private final List<InetSocketAddress> masters;
    private final MasterClient client;
    private final long retryNanos;
    private final InetSocketAddress broadcast;
    private final int samplesPerSync;
    private final String[] names;
    private final int[] ips;
    private final ClockFilter[] filters;
    private final ClockFilter discoveredFilter = new ClockFilter();
    private long nextTryMono = Long.MIN_VALUE / 2;
    private boolean sampled;
    private String lastName = "";
    private long lastOffset;
    private long lastDelay;
    private InetSocketAddress discovered;
    private String discoveredName = "";

    /**
     * @param masters    the masters to ask; empty: find one by broadcasting to {@code broadcast}
     * @param retryNanos after no master answered, how long to wait before asking again (drvTS: two
     *                   minutes); meanwhile the clock runs on NTP if it has it
     */
    public SlaveSync(TimestampEngine engine, List<InetSocketAddress> masters, MasterClient client, long retryNanos,
                     InetSocketAddress broadcast, int samplesPerSync) {
        this.engine = engine;
        this.masters = List.copyOf(masters);
        this.client = client;
        this.retryNanos = retryNanos;
        this.broadcast = broadcast;
        this.samplesPerSync = samplesPerSync;
        this.names = new String[this.masters.size()];
        this.ips = new int[this.masters.size()];
        this.filters = new ClockFilter[this.masters.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = name(this.masters.get(i));
            ips[i] = MasterClient.ipv4OrZero(this.masters.get(i));
            filters[i] = new ClockFilter();
        }
    }

    public SlaveSync(TimestampEngine engine, List<InetSocketAddress> masters, MasterClient client, long retryNanos,
                     InetSocketAddress broadcast) {
        this(engine, masters, client, retryNanos, broadcast, 1);
    }

    public SlaveSync(TimestampEngine engine, List<InetSocketAddress> masters, MasterClient client, long retryNanos) {
        this(engine, masters, client, retryNanos, null, 1);
    }

    private static String name(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    /** The master found by broadcast, if any. */
    public InetSocketAddress discoveredMaster() {
        return discovered;
    }

    /** Whether the next {@link #syncOnce()} asks a master (not waiting out masterRetrySeconds). */
    public boolean asksNow() {
        return System.nanoTime() >= nextTryMono;
    }

    /** Whether the last {@link #syncOnce()} gave the clock loop a sample; then {@link #lastOffset()} etc. */
    public boolean sampled() {
        return sampled;
    }

    public String lastMaster() {
        return lastName;
    }

    public long lastOffset() {
        return lastOffset;
    }

    public long lastDelay() {
        return lastDelay;
    }

    /** One sync round; returns whether a master answered usefully. */
    public boolean syncOnce() {
        sampled = false;
        long now = System.nanoTime();
        if (now < nextTryMono) {
            return false;
        }
        if (masters.isEmpty() && broadcast != null && discovered == null) {
            try {
                MasterClient.Discovery d = client.discover(broadcast);
                if (!d.exchange().reply().outOfSync()) {
                    discovered = d.master();
                    discoveredName = name(discovered);
                    discoveredFilter.reset();
                    LOG.info("found master {} by broadcast to {}", discovered, broadcast);
                    engine.adjustToMaster(d.exchange().offsetNanos(), d.exchange().roundTripNanos(), discoveredName);
                    return true;
                }
            } catch (IOException e) {
                LOG.debug("no master answered a broadcast to {}: {}", broadcast, e.toString());
            }
            nextTryMono = now + retryNanos;
            return false;
        }
        if (discovered != null) {
            if (syncWith(discovered, MasterClient.ipv4OrZero(discovered), discoveredName, discoveredFilter)) {
                return true;
            }
        } else {
            for (int i = 0; i < names.length; i++) {
                if (syncWith(masters.get(i), ips[i], names[i], filters[i])) {
                    return true;
                }
            }
        }
        discovered = null;   // a discovered master that went silent is looked for again
        nextTryMono = now + retryNanos;
        LOG.info("no master answered; asking again in {} s", retryNanos / 1_000_000_000L);
        return false;
    }

    /** {@code samplesPerSync} exchanges with one master; true when it answered usefully. */
    private boolean syncWith(InetSocketAddress master, int ip, String name, ClockFilter filter) {
        filter.begin();
        try {
            if (ip == 0) {
                throw new IOException(master + " is not an IPv4 address");
            }
            for (int k = 0; k < samplesPerSync; k++) {
                if (!client.exchange(ip, master.getPort())) {
                    break;
                }
                if (client.outOfSync()) {
                    LOG.info("master {} reports it is out of sync; not following it", name);
                    return false;
                }
                filter.offer(client.offsetNanos(), client.roundTripNanos(), client.sampleMono());
            }
        } catch (IOException | MalformedPacketException e) {
            LOG.debug("master {} did not answer: {}", name, e.toString());
        }
        if (filter.offered() == 0) {
            return false;
        }
        if (filter.end()) {
            engine.adjustToMaster(filter.offset(), filter.delay(), name, filter.mono());
            lastName = name;
            lastOffset = filter.offset();
            lastDelay = filter.delay();
            sampled = true;
        } else {
            engine.masterAnswered(filter.delay(), name);   // every exchange held up: answered, not used
        }
        return true;
    }

    /** Which timestamps the client takes ("" before its first exchange). */
    public String stamping() {
        return client.stamping();
    }

    /** Closes the client's socket. */
    public void close() {
        client.close();
    }

    /**
     * What the first answering master says now, without adjusting anything (ts:master-time): on a
     * client of its own, as the sync rounds' client belongs to their thread.
     */
    public MasterClient.Exchange ask() throws IOException, MalformedPacketException {
        IOException last = new IOException("no master configured");
        try (MasterClient own = client.another()) {
            for (InetSocketAddress master : masters) {
                try {
                    return own.query(master);
                } catch (IOException e) {
                    last = e;
                }
            }
        }
        throw last;
    }
}
