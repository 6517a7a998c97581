package org.syncscope.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Channel Access monitor on one PV, run by pyepics (the EPICS C client) outside the server for as
 * long as a test needs it: it records when each update arrived and when the channel connected or
 * disconnected, so a test can tell whether clients lost the PV while it did something.
 */
final class CaMonitor implements AutoCloseable {

    // Prints "conn <epoch s> True|False" on every connection change and "val <epoch s>" per update.
    private static final String SCRIPT = String.join("\n",
            "import epics, sys, time",
            "def conn(pvname=None, conn=None, **kw): print('conn %.3f %s' % (time.time(), conn), flush=True)",
            "def val(pvname=None, value=None, **kw): print('val %.3f' % time.time(), flush=True)",
            "pv = epics.PV(sys.argv[1], auto_monitor=True, connection_callback=conn, callback=val)",
            "sys.stdin.read()");

    /** A connection change seen by the monitor. */
    record Connection(long atMillis, boolean connected) {
    }

    private final Process python;
    private final List<Long> updates = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<String> other = new ArrayList<>();

    private CaMonitor(Process python) {
        this.python = python;
        Thread reader = new Thread(this::read, "ca-monitor");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts monitoring {@code pv} on the Channel Access server at 127.0.0.1:{@code caPort}. */
    static CaMonitor start(int caPort, String pv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT, pv).redirectErrorStream(true);
        pb.environment().put("EPICS_CA_ADDR_LIST", "127.0.0.1:" + caPort);
        pb.environment().put("EPICS_CA_AUTO_ADDR_LIST", "NO");
        return new CaMonitor(pb.start());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(" ");
                synchronized (this) {
                    if (f.length == 2 && f[0].equals("val")) {
                        updates.add(millis(f[1]));
                    } else if (f.length == 3 && f[0].equals("conn")) {
                        connections.add(new Connection(millis(f[1]), Boolean.parseBoolean(f[2].toLowerCase())));
                    } else {
                        other.add(line);
                    }
                }
            }
        } catch (IOException ended) {
            // the process was stopped
        }
    }

    private static long millis(String epochSeconds) {
        return Math.round(Double.parseDouble(epochSeconds) * 1000);
    }

    synchronized boolean connected() {
        return !connections.isEmpty() && connections.get(connections.size() - 1).connected();
    }

    synchronized int updateCount() {
        return updates.size();
    }

    synchronized List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** Anything the script printed that is not an event (pyepics warnings, a traceback). */
    synchronized List<String> otherOutput() {
        return List.copyOf(other);
    }

    /** How long the PV was disconnected between the two instants (a disconnect still open counts up to {@code to}). */
    synchronized long disconnectedMillis(long from, long to) {
        long total = 0;
        Long downSince = null;
        for (Connection c : connections) {
            if (!c.connected() && downSince == null) {
                downSince = c.atMillis();
            } else if (c.connected() && downSince != null) {
                total += overlap(downSince, c.atMillis(), from, to);
                downSince = null;
            }
        }
        if (downSince != null) {
            total += overlap(downSince, to, from, to);
        }
        return total;
    }

    /** The longest time between two updates (or a window edge and an update) within the window. */
    synchronized long longestGapMillis(long from, long to) {
        long last = from;
        long longest = 0;
        for (long t : updates) {
            if (t > from && t <= to) {
                longest = Math.max(longest, t - last);
                last = t;
            }
        }
        return Math.max(longest, to - last);
    }

    private static long overlap(long start, long end, long from, long to) {
        return Math.max(0, Math.min(end, to) - Math.max(start, from));
    }

    @Override
    public void close() throws InterruptedException {
        python.destroy();
        if (!python.waitFor(10, TimeUnit.SECONDS)) {
            python.destroyForcibly();
        }
    }
}
