package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.timestamp.internal.TimestampEngine;

/**
 * One NTP round: {@code samplesPerSync} exchanges with every configured server, each server's
 * smallest-delay exchange kept ({@link ClockFilter}), false tickers set aside, and the best of the
 * rest handed to the engine's clock loop. A false ticker is a server whose offset is further from
 * the others' median than {@value #AGREE_NANOS} ns plus its delay: with three or more servers the
 * majority decides; two that disagree leave the one nearer our own clock followed and the
 * disagreement reported (an alarm: which of the two is right cannot be told).
 */
public final class NtpSync {

    private static final Logger LOG = LoggerFactory.getLogger(NtpSync.class);
    /** How far two servers' offsets may differ, beyond their delays, and still agree. */
    static final long AGREE_NANOS = 1_000_000;

    private final TimestampEngine engine;
    private final List<InetSocketAddress> servers;
    private final SntpClient client;
    private final int samplesPerSync;
    private final String[] names;
    private final int[] ips;
    private final ClockFilter[] filters;
    private final boolean[] answered;
    private final boolean[] falseTicker;
    private final long[] sorted;
    private volatile String falseTickers = "";
    private volatile boolean disagree;
    private int measured = -1;

    public NtpSync(TimestampEngine engine, List<InetSocketAddress> servers, SntpClient client, int samplesPerSync) {
        this.engine = engine;
        this.servers = List.copyOf(servers);
        this.client = client;
        this.samplesPerSync = samplesPerSync;
        int n = this.servers.size();
        names = new String[n];
        ips = new int[n];
        filters = new ClockFilter[n];
        answered = new boolean[n];
        falseTicker = new boolean[n];
        sorted = new long[n];
        for (int i = 0; i < n; i++) {
            names[i] = this.servers.get(i).getHostString() + ":" + this.servers.get(i).getPort();
            ips[i] = MasterClient.ipv4OrZero(this.servers.get(i));
            filters[i] = new ClockFilter();
        }
    }

    public NtpSync(TimestampEngine engine, List<InetSocketAddress> servers, SntpClient client) {
        this(engine, servers, client, 1);
    }

    /** One round; returns whether a server answered. */
    public boolean syncOnce() {
        int best = measureRound();
        if (best == SILENT) {
            return false;
        }
        if (best >= 0) {
            engine.adjustToNtp(filters[best].offset(), filters[best].delay(), names[best], filters[best].mono());
        }
        return true;
    }

    /**
     * One round measured, the clock left alone (a slave following its master checks the master
     * against NTP): true when a server gave a usable sample, then in {@link #measuredOffset()} etc.
     */
    public boolean measure() {
        measured = measureRound();
        return measured >= 0;
    }

    public long measuredOffset() {
        return filters[measured].offset();
    }

    public long measuredDelay() {
        return filters[measured].delay();
    }

    public String measuredServer() {
        return names[measured];
    }

    private static final int SILENT = -2;
    private static final int NOTHING_USABLE = -1;

    /** The round's exchanges and false-ticker test: the server to follow, or SILENT / NOTHING_USABLE. */
    private int measureRound() {
        int usable = 0;
        int heard = -1;
        for (int i = 0; i < names.length; i++) {
            boolean asked = ask(i);
            answered[i] = asked && filters[i].end();
            if (asked) {
                heard = i;
            }
            if (answered[i]) {
                sorted[usable++] = filters[i].offset();
            }
        }
        if (usable == 0) {
            if (heard >= 0) {
                engine.ntpAnswered(names[heard]);   // every exchange held up: answered, not used
                return NOTHING_USABLE;
            }
            return SILENT;
        }
        java.util.Arrays.sort(sorted, 0, usable);
        long median = sorted[usable / 2];
        int best = -1;
        boolean anyFalse = false;
        boolean twoDisagree = false;
        for (int i = 0; i < names.length; i++) {
            falseTicker[i] = false;
            if (!answered[i]) {
                continue;
            }
            if (usable == 2) {
                int other = otherAnswered(i);
                boolean agree = Math.abs(filters[i].offset() - filters[other].offset())
                        <= AGREE_NANOS + (filters[i].delay() + filters[other].delay()) / 2;
                // no majority: the one nearer our clock (which followed them so far) is taken
                falseTicker[i] = !agree && Math.abs(filters[i].offset()) > Math.abs(filters[other].offset());
                twoDisagree |= !agree;
            } else if (usable > 2) {
                falseTicker[i] = Math.abs(filters[i].offset() - median) > AGREE_NANOS + filters[i].delay();
            }
            anyFalse |= falseTicker[i];
            if (!falseTicker[i] && (best < 0 || filters[i].delay() < filters[best].delay())) {
                best = i;
            }
        }
        noteFalseTickers(anyFalse, twoDisagree);
        return best < 0 ? NOTHING_USABLE : best;   // answered, but maybe nothing trustworthy to follow
    }

    private int otherAnswered(int i) {
        for (int j = 0; j < names.length; j++) {
            if (j != i && answered[j]) {
                return j;
            }
        }
        return i;
    }

    /** {@code samplesPerSync} exchanges with server {@code i}; true when at least one answered. */
    private boolean ask(int i) {
        ClockFilter f = filters[i];
        f.begin();
        try {
            int ip = ips[i];
            if (ip == 0) {
                throw new IOException(names[i] + " is not an IPv4 address");
            }
            for (int k = 0; k < samplesPerSync; k++) {
                if (!client.exchange(ip, servers.get(i).getPort())) {
                    break;
                }
                f.offer(client.offsetNanos(), client.delayNanos(), client.sampleMono());
            }
        } catch (IOException | MalformedPacketException e) {
            LOG.debug("NTP server {} did not answer: {}", names[i], e.toString());
        }
        return f.offered() > 0;
    }

    private void noteFalseTickers(boolean any, boolean twoDisagree) {
        if (!any) {
            if (!falseTickers.isEmpty()) {
                LOG.info("NTP servers agree again");
            }
            falseTickers = "";
            disagree = false;
            engine.noteFalseTickers("", false);
            return;
        }
        List<String> text = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (falseTicker[i]) {
                text.add(String.format("%s (offset %.3f ms)", names[i], filters[i].offset() / 1e6));
            }
        }
        String now = String.join(", ", text);
        if (!now.equals(falseTickers)) {
            LOG.warn("NTP false ticker(s), not followed: {}{}", now,
                    twoDisagree ? " (two servers disagree: the one nearer this clock is followed)" : "");
        }
        falseTickers = now;
        disagree = twoDisagree;
        engine.noteFalseTickers(now, twoDisagree);
    }

    /** Which timestamps the client takes. */
    public String stamping() {
        return client.stamping();
    }

    /** What the first answering server says now, for ts:ntp-time: on a client of its own (the rounds' is their thread's). */
    public SntpClient.Sample ask() throws IOException, MalformedPacketException {
        IOException last = new IOException("no NTP server configured");
        try (SntpClient own = client.another()) {
            for (InetSocketAddress server : servers) {
                try {
                    return own.query(server);
                } catch (IOException e) {
                    last = e;
                }
            }
        }
        throw last;
    }

    /** Closes the client's socket. */
    public void close() {
        client.close();
    }
}
