package org.syncscope.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Channel Access monitors on a set of PVs, run by pyepics (the EPICS C client) outside the server:
 * records every event with its arrival time, value, alarm and timestamp, as an archiver would see it.
 */
final class OutputRecorder implements AutoCloseable {

    // One line per event: "ev NAME ARRIVAL_S VALUE SEVERITY STATUS TIMESTAMP_S".
    private static final String SCRIPT = String.join("\n",
            "import epics, sys, time",
            "def ev(pvname=None, value=None, severity=None, status=None, timestamp=None, **kw):",
            "    print('ev %s %.6f %r %s %s %.9f' % (pvname, time.time(), value, severity, status, timestamp), flush=True)",
            "pvs = [epics.PV(n, form='time', auto_monitor=True, callback=ev) for n in sys.argv[1:]]",
            "sys.stdin.read()");

    /** One monitor event. Severity and status are EPICS codes (INVALID = 3, COMM = 9). */
    record Event(String pv, long arrivalMillis, double value, int severity, int status, double timestamp) {
        boolean valid() {
            return severity == 0;
        }
    }

    private final Process python;
    private final List<Event> events = new ArrayList<>();
    private final List<String> other = new ArrayList<>();

    private OutputRecorder(Process python) {
        this.python = python;
        Thread reader = new Thread(this::read, "output-recorder");
        reader.setDaemon(true);
        reader.start();
    }

    static OutputRecorder start(int caPort, List<String> pvs) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", SCRIPT));
        command.addAll(pvs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("EPICS_CA_ADDR_LIST", "127.0.0.1:" + caPort);
        pb.environment().put("EPICS_CA_AUTO_ADDR_LIST", "NO");
        return new OutputRecorder(pb.start());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(" ");
                synchronized (this) {
                    if (f.length == 7 && f[0].equals("ev") && !f[3].equals("None")) {
                        events.add(new Event(f[1], Math.round(Double.parseDouble(f[2]) * 1000), Double.parseDouble(f[3]),
                                Integer.parseInt(f[4]), Integer.parseInt(f[5]), Double.parseDouble(f[6])));
                    } else {
                        other.add(line);
                    }
                }
            }
        } catch (IOException | NumberFormatException ended) {
            synchronized (this) {
                other.add("reader ended: " + ended);
            }
        }
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized List<Event> events(String pv) {
        return events.stream().filter(e -> e.pv().equals(pv)).toList();
    }

    /** Anything the script printed that is not an event (pyepics warnings, a traceback). */
    synchronized List<String> otherOutput() {
        return List.copyOf(other);
    }

    @Override
    public void close() throws InterruptedException {
        python.destroy();
        if (!python.waitFor(10, TimeUnit.SECONDS)) {
            python.destroyForcibly();
        }
    }
}
