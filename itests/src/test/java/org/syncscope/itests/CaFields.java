package org.syncscope.itests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Channel Access gives for some PVs, read by pyepics (libca, outside the server) for a few
 * seconds: per PV its control data once ({@code type, count, units, precision, enum, write}) and
 * every monitor update of the DBR_TIME form ({@code seconds} POSIX, {@code nanoseconds},
 * {@code severity}, {@code status}, {@code value}; arrays joined by {@code |}, floats as Python's
 * shortest repr, so they parse back to the exact double).
 */
final class CaFields {

    private static final String SCRIPT = String.join("\n",
            "import epics, sys, threading, time",
            // updates print from pyepics' callback thread while the main thread prints control data:
            // one lock and one write per line, so no line is cut by another
            "LOCK = threading.Lock()",
            "def out(line):",
            "    with LOCK:",
            "        sys.stdout.write(line + '\\n')",
            "        sys.stdout.flush()",
            "def fmt(v):",
            "    if hasattr(v, '__len__') and not isinstance(v, (str, bytes)): return '|'.join(repr(float(x)) for x in v)",
            "    if isinstance(v, float): return repr(v)",
            "    return str(v)",
            "def cb(pvname=None, value=None, severity=None, status=None, posixseconds=None, nanoseconds=None, **kw):",
            "    out('update %s\\tseconds=%d\\tnanoseconds=%d\\tseverity=%d\\tstatus=%d\\tvalue=%s'",
            "        % (pvname, posixseconds, nanoseconds, severity, status, fmt(value)))",
            "pvs = [epics.PV(n, form='time', auto_monitor=True, callback=cb) for n in NAMES]",
            "for pv in pvs:",
            "    assert pv.wait_for_connection(timeout=10), 'not connected: ' + pv.pvname",
            "    c = pv.get_ctrlvars(timeout=5) or {}",
            "    out('ctrl %s\\ttype=%s\\tcount=%s\\tunits=%s\\tprecision=%s\\tenum=%s\\twrite=%s' % (pv.pvname, pv.type, pv.count,",
            "        c.get('units', ''), c.get('precision', ''), '|'.join(c.get('enum_strs') or ()), pv.write_access))",
            "time.sleep(SECONDS)",
            "");

    /** Per PV: its control fields and its updates in arrival order. */
    record Recording(Map<String, PvaPeer.Fields> ctrl, Map<String, List<PvaPeer.Fields>> updates) {
        PvaPeer.Fields ctrl(String pv) {
            PvaPeer.Fields c = ctrl.get(pv);
            if (c == null) {
                throw new AssertionError("pyepics printed no control data of " + pv + ": " + ctrl.keySet());
            }
            return c;
        }

        List<PvaPeer.Fields> updates(String pv) {
            return updates.getOrDefault(pv, List.of());
        }
    }

    private CaFields() {
    }

    /** Monitors {@code pvs} for {@code seconds} after they all connected (and their control data was read). */
    static Recording record(int caPort, double seconds, List<String> pvs) throws Exception {
        String names = "[" + String.join(", ", pvs.stream().map(n -> "'" + n + "'").toList()) + "]";
        String out = PyEpicsScript.run(caPort, SCRIPT.replace("NAMES", names).replace("SECONDS", Double.toString(seconds)));
        Map<String, PvaPeer.Fields> ctrl = new LinkedHashMap<>();
        Map<String, List<PvaPeer.Fields>> updates = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String[] head = line.substring(0, tab).split(" ", 2);
            PvaPeer.Fields f = PvaPeer.parse(line.substring(tab + 1));
            if (head[0].equals("ctrl")) {
                ctrl.put(head[1], f);
            } else if (head[0].equals("update")) {
                updates.computeIfAbsent(head[1], n -> new ArrayList<>()).add(f);
            }
        }
        return new Recording(ctrl, updates);
    }
}
