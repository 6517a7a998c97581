package org.syncscope.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pyepics (EPICS C client) monitor on one PV for as long as a test needs it, outside the server:
 * every update (an enum's value as its label) with the PV's own time stamp, severity and value as text, and every connection
 * change, each with the moment it arrived.
 */
final class PvTrace implements AutoCloseable {

    // "upd <arrival s> <stamp s> <severity> <value>" per update, "conn <arrival s> True|False" per connection change
    private static final String SCRIPT = String.join("\n",
            "import epics, sys, time",
            "def conn(pvname=None, conn=None, **kw): print('conn %.6f %s' % (time.time(), conn), flush=True)",
            "pv = epics.PV(sys.argv[1], form='time', auto_monitor=True, connection_callback=conn)",
            "if not pv.wait_for_connection(timeout=30): print('never connected', flush=True)",
            "ctrl = pv.get_ctrlvars(timeout=10) or {}",
            "labels = list(ctrl.get('enum_strs') or [])",
            "def upd(pvname=None, value=None, severity=None, timestamp=None, **kw):",
            "    label = labels[value] if isinstance(value, int) and 0 <= value < len(labels) else str(value)",
            "    print('upd %.6f %.6f %s %s' % (time.time(), timestamp or 0, severity, label), flush=True)",
            "pv.add_callback(upd)",
            "sys.stdin.read()");

    /** One update: when it arrived and the PV's stamp (both Unix ms, fractional), its severity and value. */
    record Update(double arrivedMillis, double stampMillis, int severity, String value) {
    }

    /** A connection change: when, and whether connected. */
    record Connection(double atMillis, boolean connected) {
    }

    private final Process python;
    private final List<Update> updates = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<String> other = new ArrayList<>();

    private PvTrace(Process python) {
        this.python = python;
        Thread reader = new Thread(this::read, "pv-trace");
        reader.setDaemon(true);
        reader.start();
    }

    static PvTrace start(int caPort, String pv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT, pv).redirectErrorStream(true);
        pb.environment().put("EPICS_CA_ADDR_LIST", "127.0.0.1:" + caPort);
        pb.environment().put("EPICS_CA_AUTO_ADDR_LIST", "NO");
        return new PvTrace(pb.start());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(" ", 5);
                synchronized (this) {
                    try {
                        if (f.length == 5 && f[0].equals("upd")) {
                            updates.add(new Update(Double.parseDouble(f[1]) * 1000, Double.parseDouble(f[2]) * 1000,
                                    Integer.parseInt(f[3]), f[4]));
                        } else if (f.length == 3 && f[0].equals("conn")) {
                            connections.add(new Connection(Double.parseDouble(f[1]) * 1000,
                                    Boolean.parseBoolean(f[2].toLowerCase())));
                        } else {
                            other.add(line);
                        }
                    } catch (NumberFormatException e) {
                        other.add(line);
                    }
                }
            }
        } catch (IOException ended) {
            // the process was stopped
        }
    }

    synchronized List<Update> updates() {
        return new ArrayList<>(updates);
    }

    synchronized List<Connection> connections() {
        return new ArrayList<>(connections);
    }

    /** The last update, or null. */
    synchronized Update last() {
        return updates.isEmpty() ? null : updates.get(updates.size() - 1);
    }

    synchronized String describe() {
        return "connections " + connections + ", " + updates.size() + " updates, last " + last()
                + (other.isEmpty() ? "" : ", other output " + other);
    }

    @Override
    public void close() throws InterruptedException {
        python.destroy();
        if (!python.waitFor(5, TimeUnit.SECONDS)) {
            python.destroyForcibly();
        }
    }
}
