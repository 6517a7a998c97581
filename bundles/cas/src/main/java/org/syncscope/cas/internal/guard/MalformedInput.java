package org.syncscope.cas.internal.guard;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what the Channel Access server refused from the network (malformed or oversized
 * messages, connections over a limit) and logs it at most once per source and minute, with the
 * count since the last line: a fuzzer or a broken client sending thousands of bad datagrams gives a
 * handful of WARN lines, never a stack trace per datagram. Thread safe; the hot path (a good
 * message) never touches it.
 */
public final class MalformedInput {

    /** Where a refused input arrived. */
    public enum Channel { UDP, TCP }

    private static final Logger LOG = LoggerFactory.getLogger(MalformedInput.class);
    static final long LOG_INTERVAL_NANOS = 60_000_000_000L;
    /** Sources remembered for rate limiting; beyond this (a spoofed flood) one shared entry is used. */
    static final int MAX_SOURCES = 4096;

    private final LongSupplier nanoTime;
    private final Map<Channel, AtomicLong> totals = new ConcurrentHashMap<>();
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private final AtomicLong lines = new AtomicLong();

    /** One source's refusals since its last log line. */
    private static final class Source {
        long lastLogNanos;
        long sinceLog;
        boolean logged;
    }

    public MalformedInput() {
        this(System::nanoTime);
    }

    MalformedInput(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        for (Channel c : Channel.values()) {
            totals.put(c, new AtomicLong());
        }
    }

    /**
     * One refused input from {@code source}: counted, and logged (WARN, one line, no stack trace)
     * unless this source was logged less than a minute ago.
     *
     * @param what what was wrong, e.g. "payload of 2147483632 bytes, more than maxArrayBytes 16384"
     */
    public void refused(Channel channel, InetAddress source, String what) {
        totals.get(channel).incrementAndGet();
        String key = channel + " " + (source == null ? "?" : source.getHostAddress());
        Source s = sources.get(key);   // a known source keeps its own entry, also once the map is full
        if (s == null) {
            s = sources.size() < MAX_SOURCES ? sources.computeIfAbsent(key, k -> new Source())
                    : sources.computeIfAbsent(channel + " (other sources)", k -> new Source());
        }
        long now = nanoTime.getAsLong();
        long count;
        synchronized (s) {
            s.sinceLog++;
            if (s.logged && now - s.lastLogNanos < LOG_INTERVAL_NANOS) {
                return;
            }
            count = s.sinceLog;
            s.sinceLog = 0;
            s.lastLogNanos = now;
            s.logged = true;
        }
        lines.incrementAndGet();
        LOG.warn("Channel Access server: refused {} input from {}: {}{}", channel, key.substring(key.indexOf(' ') + 1),
                what, count > 1 ? " (" + count + " refused from there since the last line)" : "");
    }

    /** WARN lines logged so far (both channels). */
    public long linesLogged() {
        return lines.get();
    }

    /** Refusals so far on {@code channel}. */
    public long total(Channel channel) {
        return totals.get(channel).get();
    }
}
