package org.syncscope.itests;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.syncscope.pmc.testing.PtpPair;
import org.syncscope.pmc.testing.PtpPair.Side;

/**
 * Real ptp4l pairs for the ITs, started in the JVM that drives Pax Exam (never inside the
 * container: the fixture is not part of the probe bundle), at most once each per test JVM: a
 * healthy one ({@link #start()}) that test classes share and expect healthy, and one of its own
 * ({@link #startToDisturb()}) for tests that stop, cut or restart a clock. The container gets the
 * sockets, the grandmaster's pid and identity as properties (and acts on them with kill and ip).
 * Each pair removes itself at JVM exit (resuming a stopped ptp4l first).
 */
final class PtpPeers {

    private static Map<String, String> healthy;
    private static Map<String, String> toDisturb;

    private PtpPeers() {
    }

    static synchronized Map<String, String> start() throws Exception {
        if (healthy == null) {
            healthy = describe(PtpPair.start());
        }
        return healthy;
    }

    static synchronized Map<String, String> startToDisturb() throws Exception {
        if (toDisturb == null) {
            toDisturb = describe(PtpPair.start());
        }
        return toDisturb;
    }

    private static Map<String, String> describe(PtpPair pair) throws Exception {
        Matcher id = Pattern.compile("clockIdentity\\s+(\\S+)")
                .matcher(pair.pmc(pair.grandmasterSocket(), "GET DEFAULT_DATA_SET"));
        if (!id.find()) {
            throw new AssertionError("pmc printed no clockIdentity for the grandmaster");
        }
        return Map.of("gm.socket", pair.grandmasterSocket().toString(),
                "slave.socket", pair.slaveSocket().toString(),
                "gm.pid", Long.toString(pair.pid(Side.GRANDMASTER)),
                "gm.identity", id.group(1));
    }
}
